package uk.vda.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.security.ApiKeyStore;
import uk.vda.security.BootstrapKeyProperties;
import uk.vda.security.Scope;

/**
 * The same migrations and the same persistence code against both databases: embedded H2 and a real PostgreSQL
 * (started by .ci/run). Outside CI, the PostgreSQL runs are skipped with a message when no server answers at
 * ADVISOR_TEST_POSTGRES_URL (default jdbc:postgresql://localhost:5432/advisor_test, user and password advisor).
 */
class PersistenceTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    static DataSource dataSource(String database) {
        if (database.equals("h2")) {
            return new DriverManagerDataSource(
                    "jdbc:h2:mem:persistence-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        }
        String url = env("ADVISOR_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/advisor_test");
        String user = env("ADVISOR_TEST_POSTGRES_USER", "advisor");
        String password = env("ADVISOR_TEST_POSTGRES_PASSWORD", "advisor");
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return new DriverManagerDataSource(url, user, password);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(
                        "CI must run the persistence tests against PostgreSQL, but " + url + " does not answer: "
                                + e.getMessage(),
                        e);
            }
            Assumptions.abort("No PostgreSQL at " + url + " (" + e.getMessage() + "): skipping the PostgreSQL run. "
                    + "Start one, or set ADVISOR_TEST_POSTGRES_URL; CI always runs it.");
            return null;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static JdbcTemplate migrated(String database) {
        DataSource dataSource = dataSource(database);
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .cleanDisabled(false)
                .load();
        flyway.clean();
        flyway.migrate();
        return new JdbcTemplate(dataSource);
    }

    private static AuditLog auditLog(JdbcTemplate jdbc, Clock clock) {
        AuditProperties properties = new AuditProperties(
                Duration.ofDays(30),
                "0 0 3 * * *",
                true,
                List.of("personId", "person.id"),
                List.of("name"),
                128,
                Duration.ZERO,
                Duration.ofSeconds(5));
        return new AuditLog(jdbc, JsonMapper.builder().build(), new Pseudonymiser(jdbc), properties, clock);
    }

    private static AuditEntry entry(String id, String personId, String outcome) {
        Map<String, Object> request =
                Map.of("person", Map.of("id", personId, "name", "Jo Bloggs"), "document", Map.of("id", "doc-1"));
        return new AuditEntry(
                id,
                "DECISION",
                "/api/v1/decisions",
                personId,
                "doc-1",
                outcome,
                "v1",
                1234,
                request,
                Map.of("decision", outcome));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldWriteFindAndSearchAuditRecordsWithPersonsPseudonymisedAndNamesDropped(String database) {
        JdbcTemplate jdbc = migrated(database);
        AuditLog audit = auditLog(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));

        audit.record(entry("a-1", "person-1", "PERMIT"));
        audit.record(entry("a-2", "person-2", "DENY"));
        audit.record(entry("a-3", "person-1", "DENY"));

        AuditLog.Entry found = audit.find("a-1").orElseThrow();
        assertThat(found.summary().outcome()).isEqualTo("PERMIT");
        assertThat(found.summary().latencyMicros()).isEqualTo(1234);
        assertThat(found.request().get("person").get("id").asString())
                .isEqualTo(audit.pseudonym("person-1"))
                .startsWith("p-");
        assertThat(found.request().get("person").has("name")).isFalse();
        assertThat(found.response().get("decision").asString()).isEqualTo("PERMIT");

        AuditLog.Filter person1 =
                new AuditLog.Filter(null, null, audit.pseudonym("person-1"), null, null, null, null, null, null);
        assertThat(audit.search(person1, 0, 10))
                .extracting(AuditLog.Summary::id)
                .containsExactlyInAnyOrder("a-1", "a-3");
        AuditLog.Filter denials = new AuditLog.Filter(
                "anonymous", null, null, "doc-1", "DENY", "DECISION", "v1", NOW, NOW.plusSeconds(1));
        assertThat(audit.count(denials)).isEqualTo(2);
        assertThat(audit.search(denials, 1, 1)).hasSize(1);
        assertThat(audit.find("no-such-id")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldKeepPseudonymsStableAcrossRestartsAndPurgePastRetention(String database) {
        JdbcTemplate jdbc = migrated(database);
        AuditLog first = auditLog(jdbc, Clock.fixed(NOW.minus(Duration.ofDays(31)), ZoneOffset.UTC));
        first.record(entry("old", "person-9", "DENY"));
        AuditLog afterRestart = auditLog(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
        afterRestart.record(entry("new", "person-9", "DENY"));

        assertThat(afterRestart.pseudonym("person-9")).isEqualTo(first.pseudonym("person-9"));
        assertThat(afterRestart.purge()).isEqualTo(1);
        assertThat(afterRestart.find("old")).isEmpty();
        assertThat(afterRestart.find("new")).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldStoreOnlySaltedHashesOfApiKeysAndHonourRevocation(String database) {
        JdbcTemplate jdbc = migrated(database);
        ApiKeyStore keys = new ApiKeyStore(jdbc, Clock.fixed(NOW, ZoneOffset.UTC), new BootstrapKeyProperties(""));

        ApiKeyStore.NewKey made = keys.create("anytown-council", EnumSet.of(Scope.DECIDE, Scope.ASSESS));

        assertThat(keys.authenticate(made.key())).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("anytown-council");
            assertThat(c.scopes()).containsExactlyInAnyOrder(Scope.DECIDE, Scope.ASSESS);
        });
        String stored = jdbc.queryForObject(
                "select salt || ':' || hash || ':' || scopes from api_key where id = ?", String.class, made.id());
        assertThat(stored).doesNotContain(made.key()).endsWith(":decide,assess");
        assertThat(keys.authenticate(made.key() + "x")).isEmpty();
        assertThat(keys.revoke(made.id())).isTrue();
        assertThat(keys.authenticate(made.key())).isEmpty();
        assertThat(keys.list())
                .singleElement()
                .satisfies(k -> assertThat(k.revokedAt()).isEqualTo(NOW));
    }
}
