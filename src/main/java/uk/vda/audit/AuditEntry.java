package uk.vda.audit;

/**
 * One answer to record. {@code personId} is the raw identifier (pseudonymised before it is written);
 * {@code request} and {@code response} are the objects exchanged, written as compressed JSON; the response may be
 * an {@link AnswerBody} already written, whose gap is then filled with this entry's {@code id}.
 */
public record AuditEntry(
        String id,
        String kind,
        String endpoint,
        String personId,
        String documentId,
        String outcome,
        String ruleSetVersion,
        long latencyMicros,
        Object request,
        Object response) {}
