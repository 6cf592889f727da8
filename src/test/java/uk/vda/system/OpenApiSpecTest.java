package uk.vda.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.ApiClient;

/**
 * {@code docs/openapi.json} is the spec partners generate clients from, so it must be what the service serves.
 * When the API changes on purpose, rewrite the file from the running service:
 * {@code mvn -B -ntp -q test -Dtest=OpenApiSpecTest -Dopenapi.write=true}, then review the diff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiSpecTest {
    static final Path COMMITTED = Path.of("docs", "openapi.json");
    static final String REGENERATE = "mvn -B -ntp -q test -Dtest=OpenApiSpecTest -Dopenapi.write=true";
    /** Pretty-printed with every object's keys sorted, so the file diffs well and does not churn. */
    private static final JsonMapper WRITER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    @LocalServerPort
    private int port;

    /** The spec's security is what SecurityConfiguration enforces: a keyed operation refuses a call without a key. */
    @Test
    void shouldAskForAKeyExactlyWhereTheServiceDoes() throws Exception {
        ApiClient api = new ApiClient(port);
        JsonNode spec = ApiClient.json(api.get("/v3/api-docs", null));
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "x").replace("**", "x.csv");
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode security = operation.getValue().has("security")
                        ? operation.getValue().get("security")
                        : spec.get("security");
                boolean keyed = !security.isEmpty();
                int status = api.send(api.request(concrete, null)
                                .method(
                                        operation.getKey().toUpperCase(Locale.ROOT),
                                        HttpRequest.BodyPublishers.noBody()))
                        .statusCode();
                if (keyed != (status == 401)
                        || keyed != operation.getValue().get("responses").has("401")) {
                    wrong.add(operation.getKey() + " " + path.getKey() + ": keyed in the spec " + keyed
                            + ", without a key " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(spec.get("paths").get("/api/v1/catalogue").get("get").get("security"))
                .isEmpty();
        JsonNode scheme = spec.get("components").get("securitySchemes").get("apiKey");
        assertThat(List.of(
                        scheme.get("type").asString(),
                        scheme.get("in").asString(),
                        scheme.get("name").asString()))
                .containsExactly("apiKey", "header", "X-API-Key");
    }

    /**
     * The scope the spec names for an operation is the one SecurityConfiguration checks: a key with only that
     * scope gets past security (whatever the answer then is), and a key with an unrelated scope gets 403 exactly
     * where the spec documents one.
     */
    @Test
    void shouldNameTheScopeEachOperationNeeds() throws Exception {
        ApiClient api = new ApiClient(port);
        JsonNode spec = ApiClient.json(api.get("/v3/api-docs", null));
        String unrelated = api.newKey(ApiClient.BOOTSTRAP_KEY, "spec-test-metrics", "metrics:read");
        Map<String, String> keys = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "x").replace("**", "x.csv");
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode security = operation.getValue().has("security")
                        ? operation.getValue().get("security")
                        : spec.get("security");
                List<String> scopes = new ArrayList<>();
                security.forEach(
                        requirement -> requirement.path("apiKey").forEach(scope -> scopes.add(scope.asString())));
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                String name = method + " " + path.getKey();
                int withoutScope = api.send(
                                api.request(concrete, unrelated).method(method, HttpRequest.BodyPublishers.noBody()))
                        .statusCode();
                if ((withoutScope == 403)
                        != operation.getValue().get("responses").has("403")) {
                    wrong.add(name + ": 403 documented "
                            + operation.getValue().get("responses").has("403") + ", a key with only metrics:read got "
                            + withoutScope);
                }
                for (String scope : scopes) {
                    String key = keys.computeIfAbsent(scope, s -> newKey(api, s));
                    int withScope = api.send(
                                    api.request(concrete, key).method(method, HttpRequest.BodyPublishers.noBody()))
                            .statusCode();
                    if (withScope == 401 || withScope == 403) {
                        wrong.add(name + ": a key with only " + scope + ", the scope the spec names, got " + withScope);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(keys.keySet())
                .containsExactlyInAnyOrder("decide", "assess", "audit:read", "rules:read", "rules:write", "admin");
    }

    private static String newKey(ApiClient api, String scope) {
        try {
            return api.newKey(ApiClient.BOOTSTRAP_KEY, "spec-test-" + scope.replace(':', '-'), scope);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client generator stops at the first {@code $ref} the spec does not define. */
    @Test
    void shouldDefineEverySchemaItRefersTo() throws Exception {
        JsonNode spec = ApiClient.json(new ApiClient(port).get("/v3/api-docs", null));
        Set<String> refs = new TreeSet<>();
        collectRefs(spec, refs);
        JsonNode schemas = spec.get("components").get("schemas");

        assertThat(refs).contains("#/components/schemas/Problem", "#/components/schemas/FieldProblem");
        assertThat(refs.stream().filter(r -> !schemas.has(r.substring("#/components/schemas/".length()))))
                .as("$refs the spec does not define")
                .isEmpty();
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asString());
        }
        node.valueStream().forEach(child -> collectRefs(child, refs));
    }

    @Test
    void shouldServeExactlyTheCommittedSpec() throws Exception {
        var response = new ApiClient(port).get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode served = WRITER.readTree(response.body());
        String pretty = WRITER.writeValueAsString(served) + "\n";

        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, pretty);
        }
        assertThat(Files.exists(COMMITTED))
                .as("%s is missing; write it with: %s", COMMITTED, REGENERATE)
                .isTrue();
        List<String> committed = Files.readString(COMMITTED).lines().toList();
        List<String> current = pretty.lines().toList();
        for (int i = 0; i < Math.max(committed.size(), current.size()); i++) {
            String was = i < committed.size() ? committed.get(i) : "(end of file)";
            String now = i < current.size() ? current.get(i) : "(end of spec)";
            if (!was.equals(now)) {
                fail(COMMITTED + " differs from the spec the service serves at /v3/api-docs, first at line " + (i + 1)
                        + ":\n  file:    " + was.strip() + "\n  service: " + now.strip()
                        + "\nIf the API change is intended, rewrite the file with `" + REGENERATE
                        + "` and commit it with the change; if not, the change to the API is the mistake.");
            }
        }
    }
}
