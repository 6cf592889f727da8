package uk.vda.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreVersion7UuidsCarryingTheirMillisecond() {
        long millis = 1_795_000_000_123L;
        UUID id = UUID.fromString(Ids.next(millis));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsTheDatabaseComparesThem() {
        String earlier = Ids.next(1_795_000_000_123L);
        String later = Ids.next(1_795_000_000_124L);

        assertThat(later.compareTo(earlier)).isPositive();
    }

    @Test
    void idsInTheSameMillisecondDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.next(1_795_000_000_123L));
        }

        assertThat(ids).hasSize(10_000);
    }
}
