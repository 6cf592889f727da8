package uk.vda.security;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line for API keys, for first set-up and for operators without a key:
 * <pre>
 * java -jar target/vetting-advisor-*.jar keys create --client=NAME --scopes=decide,assess
 * java -jar target/vetting-advisor-*.jar keys list
 * java -jar target/vetting-advisor-*.jar keys revoke ID
 * </pre>
 * It uses the same database settings as the service ({@code --spring.*} options are passed on).
 */
public final class KeysCommand {
    private KeysCommand() {
    }

    public static int run(Class<?> application, String[] args, PrintStream out) {
        List<String> words = Arrays.stream(args).skip(1).filter(a -> !a.startsWith("--")).toList();
        String[] springArgs = Arrays.stream(args).filter(a -> a.startsWith("--spring.") || a.startsWith("--advisor.")).toArray(String[]::new);
        String action = words.isEmpty() ? "help" : words.get(0);
        if (action.equals("help")) {
            out.println("usage: keys create --client=NAME --scopes=decide,assess,rules:read,rules:write,audit:read,admin");
            out.println("       keys list");
            out.println("       keys revoke ID");
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(springArgs)) {
            ApiKeyStore keys = context.getBean(ApiKeyStore.class);
            switch (action) {
                case "create" -> {
                    String client = option(args, "--client=");
                    String scopes = option(args, "--scopes=");
                    if (client == null || scopes == null) {
                        out.println("keys create needs --client=NAME and --scopes=a,b");
                        return 2;
                    }
                    ApiKeyStore.NewKey key = keys.create(client, KeysController.scopes(List.of(scopes.split(","))));
                    out.println("id:     " + key.id());
                    out.println("client: " + key.client());
                    out.println("scopes: " + String.join(",", key.scopes()));
                    out.println("key:    " + key.key());
                    out.println("The key is shown only now: store it safely.");
                }
                case "list" -> keys.list().forEach(k -> out.println(k.id() + "  " + k.client() + "  "
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

    private static String option(String[] args, String prefix) {
        return Arrays.stream(args).filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst().orElse(null);
    }
}
