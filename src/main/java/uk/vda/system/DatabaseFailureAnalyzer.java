package uk.vda.system;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A database the service cannot reach at start-up (a wrong URL, a server down or out of reach, a bad password)
 * is reported as one paragraph — what failed, where, how to fix it — instead of the 150-line stack trace that the
 * first bean to need the database (Flyway) ends in.
 */
class DatabaseFailureAnalyzer implements FailureAnalyzer {
    private final Environment environment;

    DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        Throwable cause = databaseError(failure);
        if (cause == null) {
            return null;
        }
        String url = environment.getProperty("spring.datasource.url", "(spring.datasource.url is not set)");
        String user = environment.getProperty("spring.datasource.username", "");
        String description = "The service could not use its database at " + withoutSecrets(url)
                + (user.isBlank() ? "" : " as user '" + user + "'") + ": " + why(cause);
        String action = "Check that the database server is running and can be reached from here, and that "
                + "spring.datasource.url, spring.datasource.username and spring.datasource.password (environment "
                + "SPRING_DATASOURCE_URL, _USERNAME, _PASSWORD) name it, as jdbc:postgresql://HOST:5432/DATABASE. "
                + "Without the postgres profile no database server is needed: an embedded H2 database is kept in ./data.";
        return new FailureAnalysis(description, action, failure);
    }

    /**
     * The innermost database error of the chain, which says most ("Connection to db:5432 refused"); or, for a URL
     * no driver takes, the connection pool's complaint about it ("Driver … claims to not accept jdbcUrl, …").
     */
    private static Throwable databaseError(Throwable failure) {
        Throwable found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException
                    || t.getMessage() != null && t.getMessage().contains("jdbcUrl")) {
                found = t;
            }
        }
        return found;
    }

    /** The error's message, with what lay under it when that adds something (an unknown host, say). */
    private static String why(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = oneLine(error.getMessage());
        if (root != error && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getClass().getSimpleName() + ": " + oneLine(root.getMessage()) + ")";
        }
        return message;
    }

    private static String oneLine(String s) {
        return s == null ? "no message" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** A URL may carry a password as a parameter; it never goes to the log. */
    static String withoutSecrets(String url) {
        return url.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=****");
    }
}
