package uk.vda.security;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.h2.api.ErrorCode;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.vda.system.InvalidRequestException;

/**
 * The command line for API keys, for first set-up and for operators without a key:
 * <pre>
 * java -jar target/vetting-advisor-*.jar keys create --client=NAME --scopes=decide,assess
 * java -jar target/vetting-advisor-*.jar keys list
 * java -jar target/vetting-advisor-*.jar keys revoke ID
 * </pre>
 * It uses the same database settings as the service ({@code --spring.*} options are passed on). The embedded H2
 * database is opened by one process at a time, so with H2 it runs while the service is stopped; while the service
 * runs, keys are made with the admin API.
 */
public final class KeysCommand {
    private KeysCommand() {}

    public static int run(Class<?> application, String[] args, PrintStream out) {
        List<String> words =
                Arrays.stream(args).skip(1).filter(a -> !a.startsWith("--")).toList();
        String[] springArgs = Arrays.stream(args)
                .filter(a -> a.startsWith("--spring.") || a.startsWith("--advisor."))
                .toArray(String[]::new);
        String action = words.isEmpty() ? "help" : words.get(0);
        if (action.equals("help")) {
            out.println(
                    "usage: keys create --client=NAME --scopes=decide,assess,rules:read,rules:write,rules:code,audit:read,metrics:read,admin");
            out.println("       keys list");
            out.println("       keys revoke ID");
            return 2;
        }
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .run(springArgs);
        } catch (RuntimeException e) {
            if (databaseInUse(e)) {
                out.println("The database is in use by the running service, which alone may open it. Stop the service "
                        + "and run this again, or use the admin API while it runs (POST /api/v1/admin/keys with the "
                        + "bootstrap key or a key with the scope admin).");
                return 1;
            }
            throw e;
        }
        try (context) {
            ApiKeyStore keys = context.getBean(ApiKeyStore.class);
            switch (action) {
                case "create" -> {
                    String client = option(args, "--client=");
                    String scopes = option(args, "--scopes=");
                    if (client == null || scopes == null) {
                        out.println("keys create needs --client=NAME and --scopes=a,b");
                        return 2;
                    }
                    ApiKeyStore.NewKey key;
                    try {
                        key = keys.create(client, KeysController.scopes(List.of(scopes.split(","))));
                    } catch (InvalidRequestException e) {
                        e.problems().forEach(p -> out.println(p.field() + ": " + p.message()));
                        return 2;
                    }
                    out.println("id:     " + key.id());
                    out.println("client: " + key.client());
                    out.println("scopes: " + String.join(",", key.scopes()));
                    out.println("key:    " + key.key());
                    out.println("The key is shown only now: store it safely.");
                }
                case "list" ->
                    keys.list()
                            .forEach(k -> out.println(k.id() + "  " + k.client() + "  "
                                    + String.join(",", k.scopes()) + "  created " + k.createdAt()
                                    + (k.revokedAt() == null ? "" : "  REVOKED " + k.revokedAt())));
                case "revoke" -> {
                    if (words.size() < 2 || !keys.revoke(words.get(1))) {
                        out.println("no such key");
                        return 1;
                    }
                    out.println("revoked " + words.get(1));
                }
                default -> {
                    out.println("unknown action '" + action + "': create, list or revoke");
                    return 2;
                }
            }
        }
        return 0;
    }

    /** H2's 'Database may be already in use' (90020): the file is locked by another process. */
    private static boolean databaseInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return true;
            }
        }
        return false;
    }

    private static String option(String[] args, String prefix) {
        return Arrays.stream(args)
                .filter(a -> a.startsWith(prefix))
                .map(a -> a.substring(prefix.length()))
                .findFirst()
                .orElse(null);
    }
}
