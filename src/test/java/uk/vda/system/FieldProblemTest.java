package uk.vda.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A problem never repeats a megabyte a client sent: long rejected texts and messages are cut, saying how long. */
class FieldProblemTest {

    @Test
    void shouldCutALongRejectedTextAndMessageAndKeepShortOnesAsTheyAre() {
        String sent = "R".repeat(6_000_000);
        FieldProblem problem = new FieldProblem("person.roles[0]", "unknown role " + sent, sent, List.of("CTIO"));

        assertThat(problem.rejected()).isEqualTo("R".repeat(200) + "… (6000000 characters)");
        assertThat(problem.message())
                .isEqualTo(("unknown role " + sent).substring(0, 1_000) + "… (6000013 characters)");
        assertThat(new FieldProblem("document.marking", "unknown marking", "SECRETISH", List.of()))
                .isEqualTo(new FieldProblem("document.marking", "unknown marking", "SECRETISH", List.of(), null));
        assertThat(new FieldProblem("pairs", "too many", 7, List.of()).rejected())
                .isEqualTo(7);
    }
}
