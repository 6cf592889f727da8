package uk.vda.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What is compressed reads back byte for byte with the JDK's own gzip reader, whatever its size. */
class GzipTest {
    private static byte[] readWithJdk(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void shouldRoundTripEmptySmallLargeAndIncompressibleData() throws IOException {
        byte[] random = new byte[300_000];
        new Random(42).nextBytes(random);
        byte[][] inputs = {
            new byte[0],
            "{\"decision\":\"DENY\"}".getBytes(StandardCharsets.UTF_8),
            "SECRET SECRET OFFICIAL-SENSITIVE ".repeat(20_000).getBytes(StandardCharsets.UTF_8),
            random
        };
        for (byte[] input : inputs) {
            byte[] gz = Gzip.gzip(input);
            assertThat(readWithJdk(gz)).isEqualTo(input);
            assertThat(Gzip.unzip(gz)).isEqualTo(input);
        }
        // the same thread's compressor is reused: a second round gives the same bytes as the first
        assertThat(Gzip.gzip(inputs[2])).isEqualTo(Gzip.gzip(inputs[2]));
    }

    @Test
    void shouldWriteJsonThatReadsBackAsTheSameTree() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Object> value = Map.of("person", Map.of("id", "p-1", "roles", List.of("HR_OFFICER")), "n", 3);
        byte[] gz = Gzip.json(json, value);
        assertThat(json.readTree(readWithJdk(gz))).isEqualTo(json.valueToTree(value));
    }

    @Test
    void aGappedMemberReadsBackAsHeadGapAndTailWhateverTheirSizes() throws IOException {
        byte[] random = new byte[100_000];
        new Random(7).nextBytes(random);
        byte[][] parts = {
            new byte[0],
            "{\"summary\":\"Yes\",\"decisionId\":\"".getBytes(StandardCharsets.UTF_8),
            "\",\"decision\":\"PERMIT\",\"reasons\":[] SECRET SECRET "
                    .repeat(3_000)
                    .getBytes(StandardCharsets.UTF_8),
            random
        };
        byte[][] gaps = {
            new byte[0],
            "01937c5e-8f3a-7b2c-9d4e-5f6a7b8c9d0e".getBytes(StandardCharsets.UTF_8),
            java.util.Arrays.copyOf(random, 65_535)
        };
        for (byte[] head : parts) {
            for (byte[] tail : parts) {
                Gzip.Gapped gapped = new Gzip.Gapped(head, tail);
                for (byte[] gap : gaps) {
                    byte[] whole = new byte[head.length + gap.length + tail.length];
                    System.arraycopy(head, 0, whole, 0, head.length);
                    System.arraycopy(gap, 0, whole, head.length, gap.length);
                    System.arraycopy(tail, 0, whole, head.length + gap.length, tail.length);
                    assertThat(readWithJdk(gapped.with(gap))).isEqualTo(whole);
                }
            }
        }
    }

    @Test
    void aGappedMemberOfAnAnswerIsHardlyLargerThanOneCompressedWhole() {
        byte[] head =
                "{\"summary\":\"No - the vetting that counts (BPSS) is below the SC this access needs.\",\"decisionId\":\""
                        .getBytes(StandardCharsets.UTF_8);
        byte[] id = "01937c5e-8f3a-7b2c-9d4e-5f6a7b8c9d0e".getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\",\"decision\":\"DENY\",\"reasons\":["
                        + "{\"rule\":\"DenyBelowRequiredVetting\",\"effect\":\"DENY\"},".repeat(12) + "{}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] whole = new byte[head.length + id.length + tail.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(id, 0, whole, head.length, id.length);
        System.arraycopy(tail, 0, whole, head.length + id.length, tail.length);

        assertThat(new Gzip.Gapped(head, tail).with(id).length).isLessThanOrEqualTo(Gzip.gzip(whole).length + 64);
    }

    @Test
    void aGapLargerThanOneStoredBlockIsRefused() {
        Gzip.Gapped gapped = new Gzip.Gapped(new byte[1], new byte[1]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gapped.with(new byte[65_536]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
