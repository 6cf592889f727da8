package uk.vda.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.vda.ApiClient;

/**
 * The database goes away mid-run: answers stop (503, fail closed, never an answer without its record) and come
 * back by themselves when it returns, without a restart. The database is a real H2 server over TCP, stopped and
 * started again on the same port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed with the class: its pool would otherwise keep retrying the stopped database, logging into later tests
@DirtiesContext
class DatabaseOutageTest {
    private static final TcpDatabase database = new TcpDatabase("outage-db");

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
    }

    @AfterAll
    static void stop() {
        database.stop();
    }

    @Test
    void shouldFailClosedWhileTheDatabaseIsDownAndRecoverWhenItReturns() throws Exception {
        ApiClient api = new ApiClient(port);
        String body = ApiClient.decisionRequest();
        List<String> answered = new ArrayList<>();

        HttpResponse<String> before = api.post("/api/v1/decisions", ApiClient.BOOTSTRAP_KEY, "application/json", body);
        assertThat(before.statusCode()).isEqualTo(200);
        answered.add(ApiClient.json(before).get("decisionId").asString());

        database.stop();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> during =
                    api.post("/api/v1/decisions", ApiClient.BOOTSTRAP_KEY, "application/json", body);
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(during.headers().firstValue("Retry-After")).isPresent();
            assertThat(during.body()).doesNotContain("\"decision\"");
        }

        database.start();
        HttpResponse<String> after = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            after = api.post("/api/v1/decisions", ApiClient.BOOTSTRAP_KEY, "application/json", body);
            if (after.statusCode() == 200) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(after.statusCode()).as("recovers without a restart").isEqualTo(200);
        answered.add(ApiClient.json(after).get("decisionId").asString());

        assertThat(jdbc.queryForList(
                        "select id from audit_record where kind = 'DECISION' order by recorded_at", String.class))
                .containsExactlyInAnyOrderElementsOf(answered);
    }
}
