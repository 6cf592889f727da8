package uk.vda.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import uk.vda.ApiClient;

/**
 * The database is there but does not answer in time (another transaction holds the row a request must change):
 * the request is refused with 503 problem+json within seconds, not a 500 and not a hang.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseSlowTest {
    @LocalServerPort
    private int port;

    @Autowired
    private DataSource dataSource;

    @Test
    void shouldAnswer503WithinSecondsWhenTheDatabaseHoldsTheRowTheRequestNeeds() throws Exception {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> made = api.post(
                "/api/v1/admin/keys",
                ApiClient.BOOTSTRAP_KEY,
                "application/json",
                "{\"client\": \"slow-db-" + System.nanoTime() + "\", \"scopes\": [\"decide\"]}");
        String id = ApiClient.json(made).get("id").asString();

        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("update api_key set scopes = scopes where id = ?")) {
                lock.setString(1, id);
                assertThat(lock.executeUpdate()).isEqualTo(1);
            }
            long started = System.nanoTime();
            HttpResponse<String> revoke = api.delete("/api/v1/admin/keys/" + id, ApiClient.BOOTSTRAP_KEY);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            holder.rollback();

            assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(503);
            assertThat(revoke.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(revoke.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode problem = ApiClient.json(revoke);
            assertThat(problem.get("title").asString()).isEqualTo("Database unavailable");
            assertThat(revoke.body()).doesNotContain("Exception", "api_key", "H2");
            assertThat(took).isLessThan(Duration.ofSeconds(12));
        }
        assertThat(api.delete("/api/v1/admin/keys/" + id, ApiClient.BOOTSTRAP_KEY)
                        .statusCode())
                .as("and works again")
                .isEqualTo(204);
    }
}
