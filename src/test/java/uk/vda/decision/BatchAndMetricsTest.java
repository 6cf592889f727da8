package uk.vda.decision;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import uk.vda.ApiClient;
import uk.vda.security.CostLimiter;

/** Batches answer exactly as single decisions do, are audited as one record, and the service reports its numbers. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "advisor.limits.cost-per-request=10",
            "advisor.limits.cost-burst=20",
            "advisor.limits.cost-per-second=1"
        })
class BatchAndMetricsTest {
    private static final String PEOPLE = """
            [{"id": "la-ce", "roles": ["LA_CHIEF_EXECUTIVE"], "organisation": "LOCAL_AUTHORITY", "nationalities": ["GB"],
              "vetting": [{"level": "BPSS", "status": "VERIFIED"}]},
             {"id": "analyst", "roles": ["INTELLIGENCE_ANALYST"], "organisation": "POLICE", "nationalities": ["GB"],
              "vetting": [{"level": "SC", "status": "VERIFIED", "reviewDue": "2030-01-31"}]},
             {"id": "kin", "roles": ["KIN_MEMBER"], "organisation": "COMMUNITY", "nationalities": ["GB"], "vetting": []}]
            """;
    private static final String DOCUMENTS = """
            [{"id": "ctlp-full", "marking": "SECRET", "category": "CTLP_FULL", "owner": "POLICE"},
             {"id": "briefing", "marking": "OFFICIAL", "category": "THREAT_BRIEFING", "owner": "NATIONAL_SECURITY"}]
            """;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private CostLimiter costs;

    /** The single decision for one of {@link #PEOPLE} about one of {@link #DOCUMENTS}. */
    private static JsonNode single(ApiClient api, int person, int document, String frequency, String asOf)
            throws Exception {
        String body = "{\"person\": " + ApiClient.JSON.readTree(PEOPLE).get(person) + ", \"document\": "
                + ApiClient.JSON.readTree(DOCUMENTS).get(document) + ", \"access\": {\"frequency\": \""
                + frequency + "\"}, \"asOf\": \"" + asOf + "\"}";
        return ApiClient.json(api.post("/api/v1/decisions", ApiClient.BOOTSTRAP_KEY, "application/json", body));
    }

    @Test
    void shouldAnswerAMatrixInOrderAsSingleDecisionsWouldAndAuditItOnce() throws Exception {
        ApiClient api = new ApiClient(port);
        String body = "{\"people\": " + PEOPLE + ", \"documents\": " + DOCUMENTS
                + ", \"access\": {\"frequency\": \"REGULAR\"}, \"asOf\": \"2026-11-28\"}";

        HttpResponse<String> response =
                api.post("/api/v1/decisions/batch?explain=summary", ApiClient.BOOTSTRAP_KEY, "application/json", body);
        JsonNode batch = ApiClient.json(response);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(batch.get("count").asInt()).isEqualTo(6);
        JsonNode results = batch.get("results");
        assertThat(results)
                .extracting(r ->
                        r.get("personId").asString() + "/" + r.get("documentId").asString() + "="
                                + r.get("decision").asString())
                .containsExactly(
                        "la-ce/ctlp-full=DENY",
                        "la-ce/briefing=PERMIT",
                        "analyst/ctlp-full=PERMIT",
                        "analyst/briefing=PERMIT",
                        "kin/ctlp-full=DENY",
                        "kin/briefing=DENY");
        assertThat(results.get(0).get("reasons"))
                .extracting(JsonNode::asString)
                .contains("DenyWithoutNeedToKnowNorVetting", "DenyInsufficientVetting");
        assertThat(results.get(0).get("summary").asString())
                .startsWith("No — none of the person's roles [Local authority chief executive]");
        assertThat(results.get(2).get("requiredVetting").asString()).isEqualTo("SC");

        JsonNode alone = single(api, 0, 1, "REGULAR", "2026-11-28");
        assertThat(alone.get("decision").asString())
                .isEqualTo(results.get(1).get("decision").asString());
        assertThat(alone.get("requiredVetting").asString())
                .isEqualTo(results.get(1).get("requiredVetting").asString());

        assertThat(jdbc.queryForObject(
                        "select outcome from audit_record where id = ?",
                        String.class,
                        batch.get("batchId").asString()))
                .isEqualTo("6 pairs");
    }

    @Test
    void shouldAnswerInFullASingleDecisionABatchWithoutExplanationAnsweredBefore() throws Exception {
        ApiClient api = new ApiClient(port);
        String people = "[" + ApiClient.JSON.readTree(PEOPLE).get(1) + "]";
        HttpResponse<String> response = api.post(
                "/api/v1/decisions/batch",
                ApiClient.BOOTSTRAP_KEY,
                "application/json",
                "{\"people\": " + people + ", \"documents\": " + DOCUMENTS
                        + ", \"access\": {\"frequency\": \"OCCASIONAL\"}, \"asOf\": \"2026-11-27\"}");
        JsonNode results = ApiClient.json(response).get("results");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(results.get(0).propertyNames())
                .containsExactlyInAnyOrder("index", "personId", "documentId", "decision", "requiredVetting");

        // the batch's answer is kept without words; the single decision must still get all of them
        JsonNode alone = single(api, 1, 0, "OCCASIONAL", "2026-11-27");
        assertThat(alone.get("decision").asString())
                .isEqualTo(results.get(0).get("decision").asString())
                .isEqualTo("PERMIT");
        assertThat(alone.get("summary").asString()).startsWith("Yes");
        assertThat(alone.get("reasons"))
                .extracting(r -> r.get("rule").asString())
                .contains("VettingMeetsRequirement");
        assertThat(alone.get("marking").get("note").asString()).isNotBlank();
    }

    @Test
    void shouldRefuseABatchOverTheCostLimitWith413OrWithABadPairNamingIt() throws Exception {
        ApiClient api = new ApiClient(port);
        String tooBig = "{\"people\": " + PEOPLE + ", \"documents\": ["
                + String.join(
                        ",",
                        Collections.nCopies(
                                4, "{\"id\": \"d\", \"marking\": \"OFFICIAL\", \"category\": \"THREAT_BRIEFING\"}"))
                + "]}";
        HttpResponse<String> big =
                api.post("/api/v1/decisions/batch", ApiClient.BOOTSTRAP_KEY, "application/json", tooBig);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ApiClient.json(big).get("title").asString()).isEqualTo("Request too costly");
        assertThat(ApiClient.json(big).get("detail").asString())
                .isEqualTo(
                        "This batch needs up to 12 rule evaluations; one request may need at most 10. Send it in parts.");
        assertThat(ApiClient.json(big).get("cost").asLong()).isEqualTo(12);
        assertThat(ApiClient.json(big).get("limit").asLong()).isEqualTo(10);

        String badPair =
                "{\"pairs\": [{\"person\": " + ApiClient.JSON.readTree(PEOPLE).get(0) + ", \"document\": "
                        + ApiClient.JSON.readTree(DOCUMENTS).get(0)
                        + "}, {\"person\": {\"roles\": [\"MAYOR\"], \"organisation\": \"LOCAL_AUTHORITY\"}, \"document\": "
                        + ApiClient.JSON.readTree(DOCUMENTS).get(0) + "}]}";
        HttpResponse<String> bad =
                api.post("/api/v1/decisions/batch", ApiClient.BOOTSTRAP_KEY, "application/json", badPair);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(bad).get("errors").get(0).get("field").asString())
                .isEqualTo("pairs[1].person.roles[0]");
        assertThat(api.post(
                                "/api/v1/decisions/batch?explain=loud",
                                ApiClient.BOOTSTRAP_KEY,
                                "application/json",
                                badPair)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceAClientHasUsedItsAllowanceAndGiveBackWhatTheCacheSaved() throws Exception {
        ApiClient api = new ApiClient(port);
        String key = api.newKey(ApiClient.BOOTSTRAP_KEY, "batch-allowance", "decide");
        String client = "client:batch-allowance";

        assertThat(api.post("/api/v1/decisions/batch", key, "application/json", distinct(2, 5, 0))
                        .statusCode())
                .isEqualTo(200);
        long before = costs.available(client);
        long started = System.nanoTime();
        assertThat(api.post("/api/v1/decisions/batch", key, "application/json", distinct(2, 5, 0))
                        .statusCode())
                .isEqualTo(200);
        long refilled = (System.nanoTime() - started) / 1_000_000_000L + 1;
        assertThat(costs.available(client))
                .as("ten cached answers cost one evaluation")
                .isBetween(before - 1, before - 1 + refilled);

        // questions never asked before, ten evaluations each, until the allowance (20, refilled at 1 a second) is used
        // up
        HttpResponse<String> over = null;
        for (int offset = 100; offset <= 400 && (over == null || over.statusCode() == 200); offset += 100) {
            over = api.post("/api/v1/decisions/batch", key, "application/json", distinct(2, 5, offset));
        }

        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = ApiClient.json(over);
        assertThat(problem.get("title").asString()).isEqualTo("Too much work requested");
        assertThat(problem.get("cost").asLong()).isEqualTo(10);
        assertThat(problem.get("available").asLong()).isLessThan(10);
        assertThat(problem.get("limitPerSecond").asLong()).isEqualTo(1);
        assertThat(problem.get("burst").asLong()).isEqualTo(20);
        long retryAfter =
                Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isEqualTo(10 - problem.get("available").asLong());
        assertThat(problem.get("detail").asString())
                .isEqualTo("This batch needs up to 10 rule evaluations and this client has "
                        + problem.get("available").asLong()
                        + " left; its allowance is 1 a second, up to 20 at once. Try again in "
                        + retryAfter + " s.");
        assertThat(api.post("/api/v1/decisions", key, "application/json", ApiClient.decisionRequest())
                        .statusCode())
                .as("single decisions are counted by the request rate only")
                .isEqualTo(200);
    }

    /** People × documents where no two pairs are the same question: dates of their own, shifted by {@code offset} days. */
    static String distinct(int people, int documents, int offset) {
        StringBuilder body = new StringBuilder("{\"people\": [");
        for (int p = 0; p < people; p++) {
            body.append(p == 0 ? "" : ",")
                    .append("{\"id\": \"p")
                    .append(p)
                    .append("\", \"roles\": [\"CTIO\"], ")
                    .append(
                            "\"organisation\": \"POLICE\", \"nationalities\": [\"GB\"], \"vetting\": [{\"level\": \"SC\", ")
                    .append("\"status\": \"VERIFIED\", \"reviewDue\": \"")
                    .append(LocalDate.of(2030, 1, 1).plusDays(p + offset))
                    .append("\"}]}");
        }
        body.append("], \"documents\": [");
        for (int d = 0; d < documents; d++) {
            body.append(d == 0 ? "" : ",")
                    .append("{\"id\": \"d")
                    .append(d)
                    .append("\", \"marking\": \"SECRET\", ")
                    .append("\"category\": \"CTLP_FULL\", \"owner\": \"POLICE\", \"createdOn\": \"")
                    .append(LocalDate.of(2016, 1, 1).plusDays(d + offset))
                    .append("\"}");
        }
        return body.append("], \"access\": {\"frequency\": \"REGULAR\"}, \"asOf\": \"2026-11-28\"}")
                .toString();
    }

    @Test
    void shouldPublishDecisionCountsLatencyAndCacheHitsForPrometheus() throws Exception {
        ApiClient api = new ApiClient(port);
        for (int i = 0; i < 3; i++) {
            assertThat(api.post(
                                    "/api/v1/decisions",
                                    ApiClient.BOOTSTRAP_KEY,
                                    "application/json",
                                    ApiClient.decisionRequest())
                            .statusCode())
                    .isEqualTo(200);
        }

        assertThat(api.get("/actuator/prometheus", null).statusCode())
                .as("metrics need a key")
                .isEqualTo(401);
        String metrics =
                api.get("/actuator/prometheus", ApiClient.BOOTSTRAP_KEY).body();

        assertThat(metrics).containsPattern("advisor_decisions_total\\{[^}]*outcome=\"DENY\"[^}]*} [3-9]");
        assertThat(metrics).contains("advisor_decision_latency_seconds_bucket");
        assertThat(metrics).containsPattern("advisor_cache_hits_total(\\{[^}]*})? ([2-9]|[1-9][0-9]+)\\.");
        assertThat(metrics)
                .as("no logback.events counter: its turbo filter would be asked on each of Drools' trace checks")
                .doesNotContain("logback_events");
        assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList())
                .isEmpty();
    }
}
