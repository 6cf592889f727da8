package uk.vda.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import uk.vda.ApiClient;
import uk.vda.TestRules;

/**
 * Rules edited on disk while requests keep coming: a broken edit is refused and the old set keeps answering; a
 * good edit goes live; no request fails and every answer comes whole from one version or the other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HotReloadUnderLoadTest {
    private static final Path RULES = copyOfRules();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void rules(DynamicPropertyRegistry registry) {
        registry.add("advisor.rules.path", RULES::toString);
        registry.add("advisor.rules.hot-reload", () -> "true");
        registry.add("advisor.rules.poll-millis", () -> "200");
        registry.add("advisor.limits.rate-per-second", () -> "100000");
        registry.add("advisor.limits.burst", () -> "100000");
    }

    @Test
    void shouldRefuseABrokenEditAndTakeAGoodOneWithoutFailingARequest() throws Exception {
        ApiClient api = new ApiClient(port);
        String question = ApiClient.decisionRequest()
                .replace("\"marking\": \"SECRET\"", "\"marking\": \"CONFIDENTIAL\"")
                .replace("\"category\": \"CTLP_FULL\"", "\"category\": \"PERFORMANCE_REPORT\"")
                .replace("\"frequency\": \"OCCASIONAL\"", "\"frequency\": \"REGULAR\"")
                .replace("\"owner\": \"POLICE\"", "\"owner\": \"NATIONAL_SECURITY\"");
        JsonNode first =
                ApiClient.json(api.post("/api/v1/decisions", ApiClient.BOOTSTRAP_KEY, "application/json", question));
        String oldVersion = first.get("ruleSet").get("version").asString();
        assertThat(first.get("decision").asString()).isEqualTo("PERMIT");

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, String> decisionByVersion = new ConcurrentHashMap<>();
        Set<String> inconsistent = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            load.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> r =
                            api.post("/api/v1/decisions", ApiClient.BOOTSTRAP_KEY, "application/json", question);
                    statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger())
                            .incrementAndGet();
                    if (r.statusCode() == 200) {
                        JsonNode answer = ApiClient.json(r);
                        String version = answer.get("ruleSet").get("version").asString();
                        String decision = answer.get("decision").asString() + " "
                                + answer.get("requiredVetting").asString();
                        String seen = decisionByVersion.putIfAbsent(version, decision);
                        if (seen != null && !seen.equals(decision)) {
                            inconsistent.add(version + ": " + seen + " and " + decision);
                        }
                    }
                }
                return null;
            });
        }

        Path requirement = RULES.resolve("vetting/requirement.drl");
        String good = Files.readString(requirement);
        Files.writeString(
                requirement, good.replace("$ladder.rank(level) < $ladder.rank($needed))", "$ladder.rank(level) < )"));
        JsonNode refused =
                waitFor(api, s -> s.get("reload").get("state").asString().equals("REFUSED"));
        assertThat(refused.get("version").asString()).isEqualTo(oldVersion);
        assertThat(refused.get("reload").get("problems").get(0).asString()).startsWith("vetting/requirement.drl:24");
        JsonNode health = ApiClient.json(api.get("/actuator/health", ApiClient.BOOTSTRAP_KEY));
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components")
                        .get("rules")
                        .get("details")
                        .get("reload")
                        .asString())
                .isEqualTo("REFUSED");

        Files.writeString(requirement, good);
        for (Map.Entry<String, String> file :
                ConfidentialNeedsSc.withScenarios(RULES).entrySet()) {
            Files.writeString(RULES.resolve(file.getKey()), file.getValue());
        }
        // The files are written one by one, so the watcher may first see (and refuse) a half-written change.
        JsonNode live = waitFor(
                api,
                s -> !s.get("version").asString().equals(oldVersion)
                        && s.get("reload").get("state").asString().equals("LIVE"));
        assertThat(live.get("history").get(0).get("kind").asString()).isEqualTo("RELOAD");
        Thread.sleep(500);
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(statuses.keySet()).as("statuses: " + statuses).containsOnly(200);
        assertThat(inconsistent).isEmpty();
        assertThat(decisionByVersion)
                .containsEntry(oldVersion, "PERMIT BPSS")
                .containsEntry(live.get("version").asString(), "DENY SC")
                .hasSize(2);
    }

    private static JsonNode waitFor(ApiClient api, Predicate<JsonNode> condition) throws Exception {
        for (int i = 0; i < 150; i++) {
            JsonNode active = ApiClient.json(api.get("/api/v1/rule-sets/active", ApiClient.BOOTSTRAP_KEY));
            if (condition.test(active)) {
                return active;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the rule set did not reach the expected state in 30 s");
    }

    private static Path copyOfRules() {
        try {
            return TestRules.copyInto(Files.createTempDirectory("rules-hot-reload"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
