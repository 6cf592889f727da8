package uk.vda.ruleset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleSet;

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

    public RuleSetHistory(JdbcTemplate jdbc, JsonMapper json, PolicyEngine engine, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.engine = engine;
        this.clock = clock;
    }

    @Schema(description = "One activation of a rule set.")
    public record Event(@Schema(description = "When.") Instant at,
                        @Schema(description = "STARTUP, PUBLISH or ROLLBACK.") String kind,
                        @Schema(description = "The version active before; null for the first.") String fromVersion,
                        @Schema(description = "The version activated.") String toVersion,
                        @Schema(description = "Who activated it (client name, or 'service' at start-up).") String actor,
                        @Schema(description = "Why, as given.") String reason) {
    }

    /** Records the rule set compiled at start-up as the active one. */
    @EventListener(ApplicationReadyEvent.class)
    public void recordStartup() {
        activated(engine.ruleSet(), "STARTUP", "service", "compiled from " + engine.ruleSet().directory() + " at start-up");
    }

    public void activated(RuleSet ruleSet, String kind, String actor, String reason) {
        if (jdbc.queryForList("select version from rule_set_version where version = ?", String.class, ruleSet.version()).isEmpty()) {
            jdbc.update("insert into rule_set_version (version, label, first_seen_at, rule_count, files_gz) values (?, ?, ?, ?, ?)",
                    ruleSet.version(), null, Timestamp.from(clock.instant()), ruleSet.ruleCount(), gzip(ruleSet));
        }
        List<Event> last = history(1);
        jdbc.update("insert into rule_set_event (id, at, kind, from_version, to_version, actor, reason) values (?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), Timestamp.from(clock.instant()), kind,
                last.isEmpty() ? null : last.get(0).toVersion(), ruleSet.version(), actor, reason);
    }

    /** The latest activations, newest first. */
    public List<Event> history(int limit) {
        return jdbc.query("select at, kind, from_version, to_version, actor, reason from rule_set_event order by at desc, id limit ?",
                (rs, n) -> new Event(rs.getTimestamp("at").toInstant(), rs.getString("kind"), rs.getString("from_version"),
                        rs.getString("to_version"), rs.getString("actor"), rs.getString("reason")), limit);
    }

    private byte[] gzip(RuleSet ruleSet) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            json.writeValue(out, ruleSet.contents());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
