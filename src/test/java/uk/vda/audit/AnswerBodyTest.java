package uk.vda.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A question asked again exactly as before is recorded with the bytes worked out for it before; any other anew. */
class AnswerBodyTest {
    record Question(String person, List<String> roles) {}

    private final AnswerBody body =
            new AnswerBody("{\"decisionId\":\"d-1\",\"decision\":\"DENY\"}".getBytes(StandardCharsets.UTF_8), "d-1");
    private final List<Object> worked = new ArrayList<>();
    private final Function<Object, byte[]> record = q -> {
        worked.add(q);
        return String.valueOf(q).getBytes(StandardCharsets.UTF_8);
    };

    @Test
    void shouldRecordAnEqualQuestionWithTheSameBytesWithoutWorkingThemOutAgain() {
        byte[] first = body.question(new Question("emp-1", List.of("ANALYST")), record);
        byte[] again = body.question(new Question("emp-1", new ArrayList<>(List.of("ANALYST"))), record);

        assertThat(again).isSameAs(first);
        assertThat(worked).hasSize(1);
    }

    @Test
    void shouldRecordAnotherQuestionAnewAndThenKeepThatOne() {
        byte[] first = body.question(new Question("emp-1", List.of("ANALYST")), record);
        byte[] other = body.question(new Question("emp-2", List.of("ANALYST")), record);
        byte[] firstAgain = body.question(new Question("emp-1", List.of("ANALYST")), record);

        assertThat(new String(other, StandardCharsets.UTF_8)).contains("emp-2");
        assertThat(firstAgain).isEqualTo(first).isNotSameAs(first);
        assertThat(worked).hasSize(3);
        assertThat(body.question(null, record)).isEqualTo("null".getBytes(StandardCharsets.UTF_8));
    }
}
