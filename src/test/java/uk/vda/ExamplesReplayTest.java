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
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleGetsItsDocumentedAnswer() throws IOException {
        List<Path> requests;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            requests = files.filter(p -> p.getFileName().toString().endsWith(".request.json")).sorted().toList();
        }
        assertThat(requests).hasSizeGreaterThanOrEqualTo(8);
        return requests.stream().map(request -> DynamicTest.dynamicTest(request.getFileName().toString(), () -> {
            String name = request.getFileName().toString().replace(".request.json", "");
            JsonNode expected = JSON.readTree(Files.readString(EXAMPLES.resolve(name + ".response.json")));
            HttpResponse<String> response = send(at("/api/v1/decisions")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Files.readString(request))));

            assertThat(response.statusCode()).isEqualTo(expected.get("status").asInt());
            assertThat(differences(expected.get("body"), JSON.readTree(response.body()), "body")).isEmpty();
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
        assertThat(confidential.get("treatedAs").get("GPMS").asString()).isEqualTo("OFFICIAL_SENSITIVE");
        JsonNode ctc = catalogue.get("vettingLevels").get(2);
        assertThat(ctc.get("value").asString()).isEqualTo("CTC");
        assertThat(ctc.get("countsAs").asString()).isEqualTo("BPSS");
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
                boolean hasDescription = described.has("description")
                        || (described.has("allOf") || described.has("$ref"));
                if (!hasDescription) {
                    undescribed.add(schema.getKey() + "." + property.getKey());
                }
            }
        }
        assertThat(undescribed).isEmpty();
        assertThat(schemas.get("DecisionRequest").get("required")).extracting(JsonNode::asString)
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
