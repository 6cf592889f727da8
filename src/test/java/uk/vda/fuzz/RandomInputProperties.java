package uk.vda.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.AdvisorApplication;
import uk.vda.ApiClient;

/**
 * Random and mutated input at every endpoint that takes a body: whatever arrives, the answer is never a 500,
 * never a PERMIT unless the request was valid, and exactly one audit record is written per answer given.
 * Mutations start from the shipped examples (so most tries are nearly valid, which is where bugs hide): a field
 * removed, a value replaced by another kind, a string altered, the text cut short.
 */
class RandomInputProperties {
    private static final Set<Integer> CLEAN = Set.of(200, 400, 413, 415, 429, 503);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ConfigurableApplicationContext service;
    private static ApiClient api;
    private static JdbcTemplate jdbc;

    private static synchronized ApiClient api() {
        if (service == null) {
            service = SpringApplication.run(
                    AdvisorApplication.class,
                    "--server.port=0",
                    "--advisor.limits.rate-per-second=100000",
                    "--advisor.limits.burst=100000");
            api = new ApiClient(
                    ((WebServerApplicationContext) service).getWebServer().getPort());
            jdbc = service.getBean(JdbcTemplate.class);
        }
        return api;
    }

    @AfterContainer
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static List<String> examples(String folder, String suffix) throws IOException {
        try (var files = Files.list(Path.of("examples", folder))) {
            return files.filter(p -> p.toString().endsWith(suffix))
                    .sorted()
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
    }

    /** Posts and checks the three promises; returns the answer. */
    private static HttpResponse<String> postAndCheck(String path, String contentType, String body) throws Exception {
        ApiClient client = api();
        long before = jdbc.queryForObject("select count(*) from audit_record", Long.class);
        HttpResponse<String> response = client.post(path, ApiClient.BOOTSTRAP_KEY, contentType, body);
        long after = jdbc.queryForObject("select count(*) from audit_record", Long.class);

        assertThat(response.statusCode())
                .as("status for %s", body.length() > 300 ? body.substring(0, 300) : body)
                .isIn(CLEAN);
        assertThat(after - before).as("audit records written").isEqualTo(response.statusCode() == 200 ? 1 : 0);
        if (response.statusCode() != 200) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = ApiClient.json(response);
            assertThat(problem.has("decision"))
                    .as("a refused request carries no decision")
                    .isFalse();
            assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
            assertThat(response.body()).doesNotContain("at uk.vda").doesNotContain("Exception");
        }
        return response;
    }

    @Property(tries = 150)
    void mutatedDecisionRequestsAreAnsweredCleanly(@ForAll("decisionExamples") String example, @ForAll long seed)
            throws Exception {
        String body = mutate(example, new Random(seed));

        HttpResponse<String> response = postAndCheck("/api/v1/decisions", "application/json", body);

        if (response.statusCode() == 200) {
            JsonNode answer = ApiClient.json(response);
            assertThat(answer.get("decision").asString()).isIn("PERMIT", "DENY");
            if (answer.get("decision").asString().equals("PERMIT")) {
                assertThat(answer.get("reasons"))
                        .noneMatch(r -> r.get("effect").asString().equals("DENY"));
            }
        }
    }

    @Property(tries = 80)
    void mutatedAssessmentsAreAnsweredCleanly(@ForAll("assessmentExamples") String example, @ForAll long seed)
            throws Exception {
        postAndCheck("/api/v1/vetting-assessments", "application/json", mutate(example, new Random(seed)));
    }

    @Property(tries = 60)
    void mutatedCsvRostersAreAnsweredCleanly(@ForAll long seed) throws Exception {
        String csv = examples("roster", ".request.csv").get(0);
        Random random = new Random(seed);
        String[] lines = csv.split("\n");
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            int choice = random.nextInt(10);
            if (choice == 0) {
                continue;
            }
            if (choice == 1) {
                String[] cells = line.split(",", -1);
                cells[random.nextInt(cells.length)] = randomText(random);
                out.append(String.join(",", cells));
            } else if (choice == 2) {
                out.append(line, 0, random.nextInt(line.length() + 1));
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        postAndCheck("/api/v1/vetting-assessments/roster", "text/csv", out.toString());
    }

    @Property(tries = 60)
    void arbitraryBodiesAreAnsweredCleanly(@ForAll("endpoints") String endpoint, @ForAll("garbage") String body)
            throws Exception {
        postAndCheck(
                endpoint,
                endpoint.endsWith("roster") && body.hashCode() % 2 == 0 ? "text/csv" : "application/json",
                body);
    }

    @Property(tries = 6)
    void mutatedRuleUploadsAreAnsweredCleanly(@ForAll("ruleFiles") String path, @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        List<String> lines =
                new ArrayList<>(Files.readString(Path.of("rules", path)).lines().toList());
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(3)) {
                case 0 -> lines.remove(at);
                case 1 ->
                    lines.set(at, lines.get(at).replaceAll("[A-Z]{3,}", Matcher.quoteReplacement(randomText(random))));
                default -> lines.add(at, randomText(random));
            }
        }
        ObjectNode upload = JSON.createObjectNode().put("label", "fuzz");
        upload.putObject("files").put(path, String.join("\n", lines));

        HttpResponse<String> response = api().post(
                        "/api/v1/rule-sets/candidates", ApiClient.BOOTSTRAP_KEY, "application/json", upload.toString());

        assertThat(response.statusCode()).isIn(201, 400);
        if (response.statusCode() == 201) {
            JsonNode report = ApiClient.json(response);
            assertThat(report.get("publishable").asBoolean())
                    .isEqualTo(report.get("problems").isEmpty()
                            && report.get("tests").get("failed").asInt() == 0);
        }
    }

    @Provide
    Arbitrary<String> ruleFiles() {
        return Arbitraries.of(
                "vetting/minimum-vetting.csv",
                "vetting/requirement.drl",
                "needtoknow/need-to-know.csv",
                "decision/decision.drl",
                "vetting/vetting-levels.drt");
    }

    @Provide
    Arbitrary<String> decisionExamples() throws IOException {
        return Arbitraries.of(examples("decisions", ".request.json"));
    }

    @Provide
    Arbitrary<String> assessmentExamples() throws IOException {
        return Arbitraries.of(examples("vetting-assessments", ".request.json"));
    }

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.of(
                "/api/v1/decisions",
                "/api/v1/vetting-assessments",
                "/api/v1/vetting-assessments/roster",
                "/api/v1/admin/keys");
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings()
                        .withChars("{}[]\":,0123456789abcnulltrue ")
                        .ofMaxLength(120),
                Arbitraries.of(
                        "",
                        "null",
                        "[]",
                        "{}",
                        "[{}]",
                        "\"text\"",
                        "123",
                        "{\"person\": null, \"document\": null}",
                        "{\"person\": {}, \"document\": {}}",
                        "[null]",
                        "personId\n",
                        "personId,roles,organisation\n,,\n"));
    }

    /** One random change to a JSON document, or its text cut short. */
    static String mutate(String json, Random random) {
        if (random.nextInt(8) == 0) {
            return json.substring(0, random.nextInt(json.length()));
        }
        JsonNode root = JSON.readTree(json);
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>();
            object.propertyNames().forEach(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, randomValue(random));
                case 2 -> object.set(name + "X", randomValue(random));
                default -> object.set(name, mutateValue(object.get(name), random));
            }
        } else if (target instanceof ArrayNode array) {
            if (!array.isEmpty() && random.nextBoolean()) {
                array.set(random.nextInt(array.size()), randomValue(random));
            } else {
                array.add(randomValue(random));
            }
        }
        return JSON.writeValueAsString(root);
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainer()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private static JsonNode mutateValue(JsonNode value, Random random) {
        if (value.isString()) {
            String s = value.asString();
            return JsonNodeFactory.instance.stringNode(
                    switch (random.nextInt(4)) {
                        case 0 -> s.toLowerCase();
                        case 1 -> s + "_X";
                        case 2 -> s.isEmpty() ? "" : s.substring(1);
                        default -> "2026-02-30";
                    });
        }
        return randomValue(random);
    }

    private static JsonNode randomValue(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(8)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(random.nextInt());
            case 2 -> f.booleanNode(random.nextBoolean());
            case 3 -> f.arrayNode().add(randomText(random));
            case 4 -> f.objectNode().put("x", randomText(random));
            case 5 ->
                f.stringNode(List.of("SECRET", "PERMIT", "SC", "GB", "REGULAR", "POLICE", "NEPO", "CTLP_FULL")
                        .get(random.nextInt(8)));
            case 6 -> f.stringNode("9999-99-99");
            default -> f.stringNode(randomText(random));
        };
    }

    private static String randomText(Random random) {
        int length = random.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) (32 + random.nextInt(300)));
        }
        return s.toString();
    }
}
