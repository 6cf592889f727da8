package uk.vda.engine;

/** The rules could not be run to the end. Callers must never turn this into a PERMIT. */
public class EvaluationException extends RuntimeException {
    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
