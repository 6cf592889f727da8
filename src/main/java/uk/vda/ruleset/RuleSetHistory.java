package uk.vda.ruleset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleSet;
import uk.vda.system.Gzip;
import uk.vda.system.Ids;

/**
 * Which rule sets this service has run, and when each became active. Every version's files are kept (compressed)
 * so that an older one can be looked at, and later restored; every activation is an event: start-up now, publish
 * and rollback as policy staff get those tools.
 */
@Component
public class RuleSetHistory {
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final PolicyEngine engine;
    private final Clock clock;

    private final boolean followDatabase;

    public RuleSetHistory(
            JdbcTemplate jdbc, JsonMapper json, PolicyEngine engine, Clock clock, ReloadProperties reload) {
        this.jdbc = jdbc;
        this.json = json;
        this.engine = engine;
        this.clock = clock;
        this.followDatabase = reload.followDatabase();
    }

    @Schema(description = "One activation of a rule set.")
    public record Event(
            @Schema(description = "When.") Instant at,

            @Schema(description = "STARTUP, PUBLISH or ROLLBACK.")
            String kind,

            @Schema(description = "The version active before; null for the first.")
            String fromVersion,

            @Schema(description = "The version activated.") String toVersion,

            @Schema(description = "Who activated it (client name, or 'service' at start-up).")
            String actor,

            @Schema(description = "Why, as given.") String reason) {}

    /**
     * Records the rule set compiled at start-up as the active one; or, for an instance that follows a shared
     * database, makes live the version last published there, so that a restart never undoes a publish.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void recordStartup() {
        if (followDatabase) {
            var published = activeInDatabase()
                    .filter(v -> !v.equals(engine.ruleSet().version()))
                    .flatMap(this::files);
            if (published.isPresent()) {
                engine.activate(engine.candidate("database", published.get()));
                return;
            }
        }
        activated(
                engine.ruleSet(),
                "STARTUP",
                "service",
                "compiled from " + engine.ruleSet().directory() + " at start-up");
    }

    public void activated(RuleSet ruleSet, String kind, String actor, String reason) {
        remember(ruleSet, null);
        List<Event> last = history(1);
        jdbc.update(
                "insert into rule_set_event (id, at, kind, from_version, to_version, actor, reason) values (?, ?, ?, ?, ?, ?, ?)",
                Ids.next(),
                Timestamp.from(clock.instant()),
                kind,
                last.isEmpty() ? null : last.get(0).toVersion(),
                ruleSet.version(),
                actor,
                reason);
    }

    /** A version's files, as relative path → content; empty when this database has never seen it. */
    public Optional<Map<String, String>> files(String version) {
        List<byte[]> found = jdbc.query(
                "select files_gz from rule_set_version where version = ?", (rs, n) -> rs.getBytes("files_gz"), version);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(json.readValue(Gzip.unzip(found.get(0)), new TypeReference<Map<String, String>>() {}));
    }

    @Schema(description = "A rule-set version this service has run.")
    public record Version(
            @Schema(description = "Content hash.") String version,

            @Schema(description = "Label given when it was uploaded.")
            String label,

            @Schema(description = "When it was first seen.") Instant firstSeenAt,
            @Schema(description = "How many rules.") int ruleCount) {}

    public List<Version> versions() {
        return jdbc.query(
                "select version, label, first_seen_at, rule_count from rule_set_version order by first_seen_at desc",
                (rs, n) -> new Version(
                        rs.getString("version"),
                        rs.getString("label"),
                        rs.getTimestamp("first_seen_at").toInstant(),
                        rs.getInt("rule_count")));
    }

    /** The version the latest activation made live, if any. */
    public Optional<String> activeInDatabase() {
        List<Event> last = history(1);
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0).toVersion());
    }

    /** Keeps a version's files (once), so that it can be restored later. */
    public void remember(RuleSet ruleSet, String label) {
        if (jdbc.queryForList("select version from rule_set_version where version = ?", String.class, ruleSet.version())
                .isEmpty()) {
            jdbc.update(
                    "insert into rule_set_version (version, label, first_seen_at, rule_count, files_gz) values (?, ?, ?, ?, ?)",
                    ruleSet.version(),
                    label,
                    Timestamp.from(clock.instant()),
                    ruleSet.ruleCount(),
                    Gzip.json(json, ruleSet.contents()));
        }
    }

    /** The latest activations, newest first. */
    public List<Event> history(int limit) {
        return jdbc.query(
                "select at, kind, from_version, to_version, actor, reason from rule_set_event order by at desc, id limit ?",
                (rs, n) -> new Event(
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("kind"),
                        rs.getString("from_version"),
                        rs.getString("to_version"),
                        rs.getString("actor"),
                        rs.getString("reason")),
                limit);
    }
}
