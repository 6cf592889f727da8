package uk.vda.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import uk.vda.AdvisorApplication;
import uk.vda.TestRules;
import uk.vda.engine.RuleSetException;

/**
 * A rule set that compiles but fails its own scenarios never answers: the service does not start on it. A pass
 * recorded at an earlier start counts only for the same files.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupTestsTest {

    @Test
    void shouldTrustARecordedPassOnlyForTheSameFiles(@TempDir Path folder, CapturedOutput output) throws Exception {
        Path rules = TestRules.copyInto(folder.resolve("rules"));
        String[] arguments = {
            "--server.port=0",
            "--advisor.rules.path=" + rules,
            "--advisor.rules.compiled=" + folder.resolve("compiled"),
            "--advisor.rules.hot-reload=false",
            "--spring.datasource.url=jdbc:h2:mem:startup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
        };
        SpringApplication.run(AdvisorApplication.class, arguments).close();
        assertThat(output.getOut()).contains("passed its tests at start-up: ");

        SpringApplication.run(AdvisorApplication.class, arguments).close();
        assertThat(output.getOut())
                .contains("passed its tests before, with the same files and code (any day): not run again");

        Path matrix = rules.resolve("vetting/minimum-vetting.csv");
        Files.writeString(
                matrix, Files.readString(matrix).replace("SECRET,REGULAR,ANY,SC,", "SECRET,REGULAR,ANY,BPSS,"));
        Throwable failure = catchThrowable(() -> SpringApplication.run(AdvisorApplication.class, arguments));
        Throwable cause = failure;
        while (cause != null && !(cause instanceof RuleSetException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the cause of the failed start").isInstanceOf(RuleSetException.class);
        assertThat(((RuleSetException) cause).problems())
                .anySatisfy(p -> assertThat(p.toString())
                        .startsWith("access/scenarios/la-chief-executive_no-frequency_secret-briefing.json: FAIL"));
    }

    @Test
    void shouldNotStartOnARuleSetWhoseScenariosFail(@TempDir Path folder) throws Exception {
        Path rules = TestRules.copyInto(folder.resolve("rules"));
        Path matrix = rules.resolve("vetting/minimum-vetting.csv");
        Files.writeString(
                matrix, Files.readString(matrix).replace("SECRET,REGULAR,ANY,SC,", "SECRET,REGULAR,ANY,BPSS,"));

        Throwable failure = catchThrowable(() -> SpringApplication.run(
                AdvisorApplication.class,
                "--server.port=0",
                "--advisor.rules.path=" + rules,
                "--advisor.rules.hot-reload=false",
                "--spring.datasource.url=jdbc:h2:mem:startup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));

        assertThat(failure).isNotNull();
        Throwable cause = failure;
        while (cause != null && !(cause instanceof RuleSetException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the cause of the failed start").isInstanceOf(RuleSetException.class);
        assertThat(((RuleSetException) cause).problems())
                .isNotEmpty()
                .anySatisfy(
                        p -> assertThat(p.toString())
                                .startsWith(
                                        "access/scenarios/la-chief-executive_no-frequency_secret-briefing.json: FAIL decision: expected DENY, actual PERMIT"));
    }
}
