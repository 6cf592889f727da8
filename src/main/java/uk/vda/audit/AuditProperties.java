package uk.vda.audit;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's settings.
 *
 * @param retention           how long records are kept before the scheduled purge removes them
 * @param purgeCron           when the purge runs (Spring cron, server time zone)
 * @param pseudonymise        replace person identifiers by a keyed hash before anything is written
 * @param pseudonymisedFields JSON fields holding person identifiers: a name ({@code personId}) or parent.name ({@code person.id})
 * @param droppedFields       JSON fields never written at all (names)
 * @param batchSize           most records written in one transaction (group commit: answers waiting at the same
 *                            time share one insert batch and one commit)
 * @param linger              how long the writer waits for more records before writing a batch that is not full;
 *                            0 writes at once whatever queued while the previous batch was being written
 * @param writeTimeout        how long an answer waits for its record to be committed before it is refused (503)
 */
@ConfigurationProperties("advisor.audit")
public record AuditProperties(
        @DefaultValue("P365D") Duration retention,
        @DefaultValue("0 30 3 * * *") String purgeCron,
        @DefaultValue("true") boolean pseudonymise,

        @DefaultValue({"personId", "person.id", "people.id"})
        List<String> pseudonymisedFields,

        @DefaultValue({"name", "fullName", "givenName", "familyName"})
        List<String> droppedFields,

        @DefaultValue("128") int batchSize,
        @DefaultValue("0ms") Duration linger,
        @DefaultValue("5s") Duration writeTimeout) {}
