package uk.vda.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.vda.AdvisorApplication;

/** The operator's command for keys: it grants what the admin API may not, under the same client-name rules. */
class KeysCommandTest {
    private static final String DATABASE =
            "--spring.datasource.url=jdbc:h2:mem:keys-command-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";

    private static List<String> run(int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = KeysCommand.run(AdvisorApplication.class, args, new PrintStream(out, true, StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(exit).as(String.join("\n", lines)).isEqualTo(expectedExit);
        return lines;
    }

    @Test
    void shouldGrantAdminAndRuleCodeButRefuseTheBootstrapKeysName() {
        List<String> made = run(
                0,
                "keys",
                "create",
                "--client=rules-administrator",
                "--scopes=admin,rules:write,rules:code",
                DATABASE,
                "--advisor.rules.hot-reload=false");
        assertThat(made).contains("client: rules-administrator", "scopes: rules:write,rules:code,admin");

        List<String> refused = run(
                2,
                "keys",
                "create",
                "--client=bootstrap",
                "--scopes=decide",
                DATABASE,
                "--advisor.rules.hot-reload=false");
        assertThat(refused).containsExactly("client: 'bootstrap' is reserved for the service itself");
    }
}
