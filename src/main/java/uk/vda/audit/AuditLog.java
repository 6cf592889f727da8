package uk.vda.audit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.security.ApiKeyStore;
import uk.vda.system.Gzip;

/**
 * The decision log. Every answer is written here before it is returned; if it cannot be written the caller gets
 * {@link AuditUnavailableException} and must not answer. Person identifiers are pseudonymised and names dropped
 * before anything reaches the database.
 */
@Component
public class AuditLog implements DisposableBean {
    private final JdbcTemplate jdbc;
    /** For the nightly purge only: a day's records may take longer to delete than a request may wait. */
    private final JdbcTemplate unbounded;

    private final JsonMapper json;
    private final Pseudonymiser pseudonymiser;
    private final AuditProperties properties;
    private final Clock clock;
    private final AuditWriter writer;
    private final Scrubber scrubber;

    public AuditLog(
            JdbcTemplate jdbc, JsonMapper json, Pseudonymiser pseudonymiser, AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.unbounded = new JdbcTemplate(jdbc.getDataSource());
        this.json = json;
        this.pseudonymiser = pseudonymiser;
        this.properties = properties;
        this.clock = clock;
        this.scrubber = new Scrubber(json, properties, pseudonymiser::pseudonym);
        this.writer = new AuditWriter(jdbc, properties.batchSize(), properties.linger(), properties.writeTimeout());
    }

    /** Publishes how many audit batches and rows were written: rows / batches is the mean group-commit size. */
    @Autowired(required = false)
    void bind(MeterRegistry registry) {
        FunctionCounter.builder("advisor.audit.batches", writer, AuditWriter::batches)
                .description("Audit insert batches (one transaction each)")
                .register(registry);
        FunctionCounter.builder("advisor.audit.rows", writer, AuditWriter::rows)
                .description("Audit records taken by the writer")
                .register(registry);
    }

    /** Writes what is queued and stops taking records. */
    @Override
    public void destroy() {
        writer.close();
    }

    /** One record as listed by a search. */
    @Schema(description = "One audit record, as listed.")
    public record Summary(
            @Schema(description = "The answer's id (decisionId, assessmentId or rosterId).")
            String id,

            @Schema(description = "When the answer was given.")
            Instant recordedAt,

            @Schema(description = "The client that asked (API key's client name).")
            String clientId,

            @Schema(description = "The id of the API key that asked ('bootstrap' for the bootstrap key).")
            String keyId,

            @Schema(description = "The endpoint called.") String endpoint,

            @Schema(description = "DECISION, ASSESSMENT, ROSTER, BATCH or RULESET.")
            String kind,

            @Schema(description = "Keyed hash of the person's identifier.")
            String personPseudonym,

            @Schema(description = "The document asked about.")
            String documentId,

            @Schema(description = "PERMIT, DENY, a verdict, or a roster's size.")
            String outcome,

            @Schema(description = "The rule set that answered.")
            String ruleSetVersion,

            @Schema(description = "Time taken to answer, in microseconds.")
            long latencyMicros) {}

    /** One record with what was asked and answered. */
    @Schema(description = "One audit record with what was asked and answered.")
    public record Entry(
            @Schema(description = "The record.") Summary summary,

            @Schema(description = "The request, person identifiers pseudonymised.")
            JsonNode request,

            @Schema(description = "The answer given, with its full explanation.")
            JsonNode response) {}

    /** Search filters; null means any. */
    public record Filter(
            String clientId,
            String keyId,
            String personPseudonym,
            String documentId,
            String outcome,
            String kind,
            String ruleSetVersion,
            Instant from,
            Instant to) {}

    /**
     * Writes an answer's record and returns once it is committed, or throws {@link AuditUnavailableException}.
     * Returns the client recorded. Concurrent callers share one insert batch and one commit ({@link AuditWriter}).
     */
    public String record(AuditEntry entry) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String client = auth == null || !auth.isAuthenticated() ? "anonymous" : auth.getName();
        String keyId = auth != null && auth.getPrincipal() instanceof ApiKeyStore.Client caller ? caller.keyId() : null;
        AuditWriter.Row row;
        try {
            row = new AuditWriter.Row(
                    entry.id(),
                    Timestamp.from(clock.instant()),
                    client,
                    keyId,
                    entry.endpoint(),
                    entry.kind(),
                    properties.pseudonymise() ? pseudonymiser.pseudonym(entry.personId()) : entry.personId(),
                    truncate(entry.documentId(), 200),
                    truncate(entry.outcome(), 40),
                    entry.ruleSetVersion(),
                    entry.latencyMicros(),
                    entry.response() instanceof AnswerBody body
                            ? body.question(entry.request(), this::recorded)
                            : recorded(entry.request()),
                    entry.response() instanceof AnswerBody body
                            ? body.recorded(entry.id(), scrubber)
                            : recorded(entry.response()));
        } catch (DataAccessException | IllegalStateException e) {
            throw new AuditUnavailableException("the audit trail cannot be written", e);
        }
        writer.write(row);
        return client;
    }

    /** A request or answer as its record keeps it: JSON, scrubbed, compressed. */
    private byte[] recorded(Object value) {
        return Gzip.gzip(scrubber.json(value));
    }

    public Optional<Entry> find(String id) {
        List<Entry> found = jdbc.query(
                "select * from audit_record where id = ?",
                (rs, n) -> new Entry(
                        summary(rs),
                        json.readTree(Gzip.unzip(rs.getBytes("request_gz"))),
                        json.readTree(Gzip.unzip(rs.getBytes("response_gz")))),
                id);
        return found.stream().findFirst();
    }

    public List<Summary> search(Filter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        args.add(size);
        args.add((long) page * size);
        return jdbc.query(
                "select id, recorded_at, client_id, key_id, endpoint, kind, person_pseudonym, document_id, outcome,"
                        + " rule_set_version, latency_micros from audit_record" + where
                        + " order by recorded_at desc, id limit ? offset ?",
                (rs, n) -> summary(rs),
                args.toArray());
    }

    public long count(Filter filter) {
        List<Object> args = new ArrayList<>();
        Long count = jdbc.queryForObject(
                "select count(*) from audit_record" + where(filter, args), Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    /** What was asked in the most recent answers of a kind, newest first: for replaying against a new rule set. */
    public List<Map.Entry<String, JsonNode>> recentRequests(String kind, int limit) {
        return jdbc.query(
                "select id, request_gz from audit_record where kind = ? order by recorded_at desc limit ?",
                (rs, n) -> Map.entry(rs.getString("id"), json.readTree(Gzip.unzip(rs.getBytes("request_gz")))),
                kind,
                limit);
    }

    /** Removes records older than the retention period; returns how many. */
    public int purge() {
        return unbounded.update(
                "delete from audit_record where recorded_at < ?",
                Timestamp.from(clock.instant().minus(properties.retention())));
    }

    public String pseudonym(String personId) {
        return pseudonymiser.pseudonym(personId);
    }

    private static String where(Filter f, List<Object> args) {
        StringBuilder sql = new StringBuilder();
        add(sql, args, "client_id = ?", f.clientId());
        add(sql, args, "key_id = ?", f.keyId());
        add(sql, args, "person_pseudonym = ?", f.personPseudonym());
        add(sql, args, "document_id = ?", f.documentId());
        add(sql, args, "outcome = ?", f.outcome());
        add(sql, args, "kind = ?", f.kind());
        add(sql, args, "rule_set_version = ?", f.ruleSetVersion());
        add(sql, args, "recorded_at >= ?", f.from() == null ? null : Timestamp.from(f.from()));
        add(sql, args, "recorded_at < ?", f.to() == null ? null : Timestamp.from(f.to()));
        return sql.toString();
    }

    private static void add(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(sql.isEmpty() ? " where " : " and ").append(condition);
            args.add(value);
        }
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        return new Summary(
                rs.getString("id"),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("client_id"),
                rs.getString("key_id"),
                rs.getString("endpoint"),
                rs.getString("kind"),
                rs.getString("person_pseudonym"),
                rs.getString("document_id"),
                rs.getString("outcome"),
                rs.getString("rule_set_version"),
                rs.getLong("latency_micros"));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
