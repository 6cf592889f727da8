package uk.vda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the whole service on a random port and replays every file in {@code examples/}, exactly as
 * {@code examples/check.py} does against a running server; also checks the documented public endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExamplesReplayTest {
    private static final Path EXAMPLES = Path.of("examples");
    /** The folder of an example says its endpoint, as in examples/check.py. */
    private static final Map<String, String> ENDPOINTS = Map.of(
            "decisions", "/api/v1/decisions",
            "vetting-assessments", "/api/v1/vetting-assessments",
            "roster", "/api/v1/vetting-assessments/roster",
            "access-evaluation", "/access/v1/evaluation",
            "access-evaluations", "/access/v1/evaluations");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every call carries the bootstrap key of the test configuration, as a partner's would carry theirs. */
    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", "test-bootstrap-key");
    }

    @TestFactory
    Stream<DynamicTest> everyExampleGetsItsDocumentedAnswer() throws IOException {
        List<Path> requests = new ArrayList<>();
        for (String folder : ENDPOINTS.keySet()) {
            try (Stream<Path> files = Files.list(EXAMPLES.resolve(folder))) {
                files.filter(p -> p.getFileName().toString().contains(".request."))
                        .forEach(requests::add);
            }
        }
        requests.sort(null);
        assertThat(requests).hasSizeGreaterThanOrEqualTo(8 + 3 + 2);
        return requests.stream()
                .map(request ->
                        DynamicTest.dynamicTest(EXAMPLES.relativize(request).toString(), () -> {
                            String stem = request.getFileName().toString().split("\\.request\\.")[0];
                            JsonNode expected =
                                    JSON.readTree(Files.readString(request.resolveSibling(stem + ".response.json")));
                            String contentType = request.toString().endsWith(".csv") ? "text/csv" : "application/json";
                            HttpResponse<String> response = send(at(ENDPOINTS.get(
                                            request.getParent().getFileName().toString()))
                                    .header("Content-Type", contentType)
                                    .POST(HttpRequest.BodyPublishers.ofString(Files.readString(request))));

                            assertThat(response.statusCode())
                                    .isEqualTo(expected.get("status").asInt());
                            assertThat(differences(expected.get("body"), JSON.readTree(response.body()), "body"))
                                    .isEmpty();
                        }));
    }

    /** The same comparison as examples/check.py: every expected field must match; arrays element by element. */
    static List<String> differences(JsonNode expected, JsonNode actual, String path) {
        List<String> found = new ArrayList<>();
        if (expected.isObject()) {
            if (!actual.isObject()) {
                found.add(path + ": expected an object, got " + actual);
                return found;
            }
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                JsonNode value = actual.get(field.getKey());
                if (value == null) {
                    found.add(path + "." + field.getKey() + ": missing");
                } else {
                    found.addAll(differences(field.getValue(), value, path + "." + field.getKey()));
                }
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                found.add(path + ": expected " + expected + ", got " + actual);
                return found;
            }
            for (int i = 0; i < expected.size(); i++) {
                found.addAll(differences(expected.get(i), actual.get(i), path + "[" + i + "]"));
            }
        } else if (!expected.equals(actual)) {
            found.add(path + ": expected " + expected + ", got " + actual);
        }
        return found;
    }

    @Test
    void shouldAddTheRosterSummaryUpFromItsRows() throws Exception {
        HttpResponse<String> response = send(at("/api/v1/vetting-assessments/roster")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(
                        Files.readString(EXAMPLES.resolve("roster/01-prevent-partnership.request.csv")))));
        JsonNode roster = JSON.readTree(response.body());
        JsonNode summary = roster.get("summary");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(roster.get("results")).hasSize(24);
        int min = 0;
        int max = 0;
        Map<String, Integer> verdicts = new TreeMap<>();
        List<String> over = new ArrayList<>();
        for (JsonNode result : roster.get("results")) {
            JsonNode a = result.get("assessment");
            verdicts.merge(a.get("verdict").asString(), 1, Integer::sum);
            min += a.get("costAvoided").get("min").asInt();
            max += a.get("costAvoided").get("max").asInt();
            if (a.get("overVetted").asBoolean()) {
                over.add(result.get("personId").asString());
            }
        }
        assertThat(summary.get("people").asInt()).isEqualTo(24);
        for (Map.Entry<String, Integer> verdict : verdicts.entrySet()) {
            assertThat(summary.get("byVerdict").get(verdict.getKey()).asInt())
                    .as(verdict.getKey())
                    .isEqualTo(verdict.getValue());
        }
        assertThat(summary.get("costAvoided").get("min").asInt()).isEqualTo(min).isEqualTo(4165);
        assertThat(summary.get("costAvoided").get("max").asInt()).isEqualTo(max).isEqualTo(6960);
        assertThat(summary.get("overVetted")).extracting(JsonNode::asString).containsExactlyElementsOf(over);
    }

    @Test
    void shouldAnswerARosterAsCsvWhenAskedTo() throws Exception {
        HttpResponse<String> response = send(at("/api/v1/vetting-assessments/roster")
                .header("Content-Type", "text/csv")
                .header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(
                        Files.readString(EXAMPLES.resolve("roster/01-prevent-partnership.request.csv")))));
        List<String> lines = response.body().lines().toList();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(lines).hasSize(25);
        assertThat(lines.get(0))
                .startsWith("personId,summary,requestedVetting,requiredVetting,requiredPoliceVetting,verdict,");
        assertThat(lines.get(1))
                .startsWith("anytown-ce,\"No — SC (Security Check) was requested but the post needs only BPSS")
                .contains("\",SC,BPSS,NONE,UNNECESSARY,false,true,BPSS,false,50,100,25,");
    }

    @Test
    void shouldRefuseAnEmptyRoster() throws Exception {
        HttpResponse<String> response = send(at("/api/v1/vetting-assessments/roster")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[]")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("(body)");
    }

    @Test
    void shouldListEveryAllowedValueInTheCatalogue() throws Exception {
        HttpResponse<String> response = send(at("/api/v1/catalogue"));
        JsonNode catalogue = JSON.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(catalogue.get("markings")).hasSize(9);
        assertThat(catalogue.get("vettingLevels")).hasSize(11);
        assertThat(catalogue.get("roles")).hasSize(17);
        assertThat(catalogue.get("categories")).hasSize(11);
        assertThat(catalogue.get("caveats").get(0).get("value").asString()).isEqualTo("UK_EYES_ONLY");
        JsonNode confidential = catalogue.get("markings").get(4);
        assertThat(confidential.get("value").asString()).isEqualTo("CONFIDENTIAL");
        assertThat(confidential.get("treatedAs").get("GPMS").asString()).isEqualTo("CONFIDENTIAL");
        JsonNode ctc = catalogue.get("vettingLevels").get(2);
        assertThat(ctc.get("value").asString()).isEqualTo("CTC");
        assertThat(ctc.get("countsAs").asString()).isEqualTo("BPSS");
        assertThat(catalogue.get("labels").get("NPPV2_ABBREVIATED").asString()).isEqualTo("NPPV2 (abbreviated)");
        assertThat(catalogue.get("labels").get("LA_CHIEF_EXECUTIVE").asString())
                .isEqualTo("Local authority chief executive");
    }

    @Test
    void shouldPublishTheOpenApiSpecWithEveryRequestFieldDescribed() throws Exception {
        HttpResponse<String> response = send(at("/v3/api-docs"));
        JsonNode schemas = JSON.readTree(response.body()).get("components").get("schemas");

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> undescribed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> schema : schemas.properties()) {
            JsonNode properties = schema.getValue().get("properties");
            if (properties == null) {
                continue;
            }
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                JsonNode described = property.getValue();
                boolean hasDescription =
                        described.has("description") || (described.has("allOf") || described.has("$ref"));
                if (!hasDescription) {
                    undescribed.add(schema.getKey() + "." + property.getKey());
                }
            }
        }
        assertThat(undescribed).isEmpty();
        assertThat(schemas.get("DecisionRequest").get("required"))
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("person", "document");
    }

    @Test
    void shouldServeSwaggerUiAndHealthWithoutCeremony() throws Exception {
        HttpResponse<String> ui = http.send(at("/swagger-ui.html").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> health = send(at("/actuator/health"));

        assertThat(ui.statusCode()).isIn(200, 302);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asString()).isEqualTo("UP");
    }
}
