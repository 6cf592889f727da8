package uk.vda.audit;

/** The audit trail cannot be written, so the answer must not be given (fail closed: 503). */
public class AuditUnavailableException extends RuntimeException {
    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
