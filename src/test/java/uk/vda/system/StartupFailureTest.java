package uk.vda.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.AdvisorApplication;

/** What an operator reads when the service cannot start, and the log format they can switch to. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {
    /** Nothing listens on port 1: the connection is refused at once. */
    private static final String UNREACHABLE =
            "--spring.datasource.url=jdbc:postgresql://localhost:1/advisor?password=secret";

    private static void start(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 3);
        all[args.length] = "--server.port=0";
        all[args.length + 1] = "--spring.datasource.username=advisor";
        all[args.length + 2] = "--spring.main.banner-mode=off";
        SpringApplication.run(AdvisorApplication.class, all);
    }

    @Test
    void shouldSayInOneParagraphWhichDatabaseCannotBeReachedAndHowToFixIt(CapturedOutput output) {
        assertThatThrownBy(() -> start(UNREACHABLE)).hasRootCauseInstanceOf(ConnectException.class);

        String log = output.getAll();
        assertThat(log)
                .contains("APPLICATION FAILED TO START")
                .contains(
                        "The service could not use its database at jdbc:postgresql://localhost:1/advisor?password=**** "
                                + "as user 'advisor': Connection to localhost:1 refused.")
                .contains("spring.datasource.url, spring.datasource.username and spring.datasource.password")
                .doesNotContain("secret")
                .doesNotContain("\tat ")
                .doesNotContain("Caused by");
        // the context's own warning repeated the whole chain of causes on one 2,000-character line
        assertThat(log).doesNotContain("Exception encountered during context initialization");
        assertThat(log.lines().filter(line -> line.length() > 1000)).isEmpty();
    }

    @Test
    void shouldSayInOneParagraphThatNoDriverTakesAMistypedDatabaseUrl(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.datasource.url=jdbc:postgres://localhost:1/advisor"));

        String log = output.getAll();
        assertThat(log)
                .contains("APPLICATION FAILED TO START")
                .contains(
                        "The service could not use its database at jdbc:postgres://localhost:1/advisor as user 'advisor': ")
                .contains("jdbcUrl")
                .doesNotContain("\tat ")
                .doesNotContain("Caused by");
    }

    @Test
    void shouldLogOneJsonObjectALineWhenStructuredLoggingIsSwitchedOn(CapturedOutput output) {
        assertThatThrownBy(() -> start(UNREACHABLE, "--logging.structured.format.console=ecs"));

        List<String> lines =
                output.getOut().lines().filter(line -> !line.isBlank()).toList();
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> events = lines.stream().map(json::readTree).toList();
        assertThat(events)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.has("@timestamp")).isTrue());
        assertThat(events).anySatisfy(event -> {
            assertThat(event.get("log").get("level").asString()).isEqualTo("ERROR");
            assertThat(event.get("message").asString())
                    .contains("APPLICATION FAILED TO START")
                    .contains("could not use its database at jdbc:postgresql://localhost:1/advisor");
        });
    }
}
