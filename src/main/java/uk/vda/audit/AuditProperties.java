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
 */
@ConfigurationProperties("advisor.audit")
public record AuditProperties(
        @DefaultValue("P365D") Duration retention,
        @DefaultValue("0 30 3 * * *") String purgeCron,
        @DefaultValue("true") boolean pseudonymise,
        @DefaultValue({"personId", "person.id", "people.id"}) List<String> pseudonymisedFields,
        @DefaultValue({"name", "fullName", "givenName", "familyName"}) List<String> droppedFields) {
}
