package uk.vda.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.AdvisorApplication;
import uk.vda.ApiClient;

/**
 * Two instances on one database, as in production: a publish made on one is served by the other within seconds,
 * and so is a rollback made on the other. Each follows the version last activated in the database.
 */
class TwoInstancesTest {
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;

    @AfterEach
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        return SpringApplication.run(
                AdvisorApplication.class,
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--advisor.rules.hot-reload=false",
                "--advisor.rules.follow-database=true",
                "--advisor.rules.poll-millis=300");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static String version(ApiClient api) throws Exception {
        return ApiClient.json(api.get("/api/v1/rule-sets/active", ApiClient.BOOTSTRAP_KEY))
                .get("version")
                .asString();
    }

    private static void waitForVersion(ApiClient api, String version) throws Exception {
        for (int i = 0; i < 50 && !version(api).equals(version); i++) {
            Thread.sleep(200);
        }
        assertThat(version(api)).isEqualTo(version);
    }

    @Test
    void shouldServeAPublishAndARollbackOnEveryInstanceWithinSeconds() throws Exception {
        String database = "jdbc:h2:mem:shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        first = start(database);
        second = start(database);
        ApiClient a = client(first);
        ApiClient b = client(second);
        String original = version(a);
        assertThat(version(b)).isEqualTo(original);

        ObjectNode upload = ApiClient.JSON.createObjectNode().put("label", "CONFIDENTIAL regular needs SC");
        ConfidentialNeedsSc.withScenarios(Path.of("rules")).forEach(upload.putObject("files")::put);
        JsonNode candidate = ApiClient.json(
                a.post("/api/v1/rule-sets/candidates", ApiClient.BOOTSTRAP_KEY, "application/json", upload.toString()));
        JsonNode published = ApiClient.json(a.post(
                "/api/v1/rule-sets/candidates/" + candidate.get("id").asString() + "/publish",
                ApiClient.BOOTSTRAP_KEY,
                "application/json",
                "{\"reason\": \"published on the first instance\"}"));
        String updated = published.get("toVersion").asString();
        assertThat(updated).isNotEqualTo(original);

        waitForVersion(b, updated);
        JsonNode answerOnB = ApiClient.json(
                b.post("/api/v1/decisions", ApiClient.BOOTSTRAP_KEY, "application/json", ApiClient.decisionRequest()));
        assertThat(answerOnB.get("ruleSet").get("version").asString()).isEqualTo(updated);

        b.post(
                "/api/v1/rule-sets/" + original + "/activate",
                ApiClient.BOOTSTRAP_KEY,
                "application/json",
                "{\"reason\": \"rolled back on the second\"}");
        waitForVersion(a, original);
    }
}
