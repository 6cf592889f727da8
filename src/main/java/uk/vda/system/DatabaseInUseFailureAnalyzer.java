package uk.vda.system;

import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * The embedded H2 file is opened by one process only (no server mode: it would listen on a port), so a second
 * process, such as the {@code keys} command while the service runs, is refused: say so in two lines instead of a
 * stack trace.
 */
class DatabaseInUseFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return new FailureAnalysis(
                        "The embedded database is in use by another process (the running service): "
                                + "only one process may open it.",
                        "Stop the service first, or make keys with the admin API while it runs (POST /api/v1/admin/keys).",
                        t);
            }
        }
        return null;
    }
}
