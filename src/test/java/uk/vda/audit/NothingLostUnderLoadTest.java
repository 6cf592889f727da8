package uk.vda.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.vda.ApiClient;

/**
 * 10,000 decision requests from 64 threads at once: every one gets an answer or a clean 429/503, and every
 * answer has exactly one audit record. The rate limit is set low enough that some requests are refused, so both
 * paths are exercised.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"advisor.limits.rate-per-second=4000", "advisor.limits.burst=500"})
class NothingLostUnderLoadTest {
    private static final int REQUESTS = 10_000;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void shouldRecordEveryAnswerExactlyOnceUnderConcurrentLoad() throws Exception {
        ApiClient api = new ApiClient(port);
        String body = ApiClient.decisionRequest();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, Boolean> answered = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<Object>> futures = IntStream.range(0, REQUESTS)
                    .mapToObj(i -> pool.<Object>submit(() -> {
                        HttpResponse<String> response =
                                api.post("/api/v1/decisions", ApiClient.BOOTSTRAP_KEY, "application/json", body);
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
                                .incrementAndGet();
                        if (response.statusCode() == 200) {
                            answered.put(
                                    ApiClient.json(response).get("decisionId").asString(), true);
                        } else {
                            assertThat(response.headers().firstValue("Content-Type"))
                                    .hasValue("application/problem+json");
                        }
                        return null;
                    }))
                    .toList();
            for (Future<Object> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses.keySet()).as("statuses seen: " + statuses).isSubsetOf(200, 429, 503);
        int ok = statuses.getOrDefault(200, new AtomicInteger()).get();
        assertThat(ok
                        + statuses.getOrDefault(429, new AtomicInteger()).get()
                        + statuses.getOrDefault(503, new AtomicInteger()).get())
                .isEqualTo(REQUESTS);
        assertThat(ok).isPositive();
        assertThat(answered).hasSize(ok);
        Long rows = jdbc.queryForObject("select count(*) from audit_record where kind = 'DECISION'", Long.class);
        assertThat(rows).isEqualTo(ok);
        Long distinct =
                jdbc.queryForObject("select count(distinct id) from audit_record where kind = 'DECISION'", Long.class);
        assertThat(distinct).isEqualTo(ok);
    }
}
