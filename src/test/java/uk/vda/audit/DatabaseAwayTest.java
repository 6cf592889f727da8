package uk.vda.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import uk.vda.ApiClient;

/**
 * Every request that needs the database (a key not seen lately, an audit search, the admin API) fails within a
 * bounded time with 503 problem+json while it is away: never a hang, never a 500; the public health shows no
 * exception, path or database type.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed with the class: its pool would otherwise keep retrying the stopped database, logging into later tests
@DirtiesContext
class DatabaseAwayTest {
    private static final TcpDatabase database = new TcpDatabase("away-db");

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
    }

    @AfterAll
    static void stop() {
        database.stop();
    }

    @Test
    void shouldAnswer503QuicklyToEveryRequestThatNeedsTheDatabaseWhileItIsAway() throws Exception {
        ApiClient api = new ApiClient(port);
        String partner = api.newKey(ApiClient.BOOTSTRAP_KEY, "away-partner", "decide");
        String auditor = api.newKey(ApiClient.BOOTSTRAP_KEY, "away-auditor", "audit:read");
        // neither key has been used yet, so each must be looked up in the database
        database.stop();
        try {
            for (String[] call : new String[][] {
                {"/api/v1/audit/decisions", auditor},
                {"/api/v1/session", partner},
                {"/api/v1/audit/decisions?kind=DECISION", ApiClient.BOOTSTRAP_KEY},
                {"/api/v1/audit/decisions/0190c0de-0000-7000-8000-000000000000", ApiClient.BOOTSTRAP_KEY},
                {"/api/v1/admin/keys", ApiClient.BOOTSTRAP_KEY}
            }) {
                long started = System.nanoTime();
                HttpResponse<String> response = api.get(call[0], call[1]);
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(response.statusCode())
                        .as(call[0] + ": " + response.body())
                        .isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(took).as(call[0]).isLessThan(Duration.ofSeconds(6));
                assertThat(response.body()).doesNotContain("Exception", "jdbc:", "H2", "advisor.mv.db");
            }
            HttpResponse<String> health = api.get("/actuator/health", null);
            JsonNode body = ApiClient.json(health);
            assertThat(body.get("status").asString()).isEqualTo("DOWN");
            assertThat(health.body()).doesNotContain("Exception", "H2", "jdbc", "/./", "path", "database");
        } finally {
            database.start();
        }
    }
}
