package uk.vda.security;

import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.stereotype.Component;
import uk.vda.system.InvalidFieldException;

/**
 * API keys. A key looks like {@code vda_<id>_<secret>}; only its id, a random salt and SHA-256(salt + key) are
 * stored, so the key itself exists only with its holder. The bootstrap key (environment variable
 * {@code ADVISOR_BOOTSTRAP_API_KEY}) is held in memory only and has every scope. Verified keys are remembered for
 * a short time so that a busy client does not cost a database read per request; revoking forgets them at once.
 */
@Component
public class ApiKeyStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CACHE_MILLIS = 30_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final byte[] bootstrapDigest;
    private final Map<String, Cached> verified = new ConcurrentHashMap<>();

    /** The key id and client name of the bootstrap key, which no made key may take. */
    public static final String BOOTSTRAP = "bootstrap";
    /** Client names: letters, digits, '.', '_' and '-', starting with a letter or digit; what audit filters and CSV carry safely. */
    static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** Names the service itself writes in the audit log as the client. */
    private static final Set<String> RESERVED = Set.of(BOOTSTRAP, "anonymous");

    /** Who is calling, and what they may do: the principal of an authenticated request. */
    public record Client(String keyId, String name, Set<Scope> scopes) implements AuthenticatedPrincipal {
        @Override
        public String getName() {
            return name;
        }

        public boolean isBootstrap() {
            return BOOTSTRAP.equals(keyId);
        }
    }

    /** A key as listed: never the key itself. */
    @Schema(description = "An API key as listed: never the key itself.")
    public record KeyInfo(
            @Schema(description = "The key's id (part of the key, not secret).")
            String id,

            @Schema(description = "The client it was made for.")
            String client,

            @Schema(description = "What it may do.") List<String> scopes,
            @Schema(description = "When it was made.") Instant createdAt,

            @Schema(description = "When it was revoked; null while valid.")
            Instant revokedAt) {}

    /** A key just made: the only time the key is shown. */
    @Schema(description = "A key just made. The key is shown only this once.")
    public record NewKey(
            @Schema(description = "The key's id, for listing and revoking.")
            String id,

            @Schema(description = "The key to send in X-API-Key. Store it now: it cannot be shown again.")
            String key,

            @Schema(description = "The client it was made for.")
            String client,

            @Schema(description = "What it may do.") List<String> scopes,
            @Schema(description = "When it was made.") Instant createdAt) {}

    private record Cached(Client client, long until) {}

    public ApiKeyStore(JdbcTemplate jdbc, Clock clock, BootstrapKeyProperties bootstrap) {
        this.jdbc = jdbc;
        this.clock = clock;
        String key = bootstrap.bootstrapApiKey();
        this.bootstrapDigest = key == null || key.isBlank() ? null : sha256(key);
    }

    /**
     * Makes a key. The client name must be a valid name (see {@link #CLIENT_NAME}), not one the service uses
     * itself ({@code bootstrap}, {@code anonymous}), and not the name of another valid key: the decision log names
     * the client, so one name is one client. A revoked key's name can be used again.
     */
    public synchronized NewKey create(String client, Set<Scope> scopes) {
        if (client == null || !CLIENT_NAME.matcher(client).matches()) {
            throw new InvalidFieldException(
                    "client",
                    client,
                    "the client name must be 1 to 100 letters, digits, '.', '_' "
                            + "or '-', starting with a letter or digit",
                    List.of());
        }
        if (RESERVED.contains(client.toLowerCase(Locale.ROOT))) {
            throw new InvalidFieldException(
                    "client", client, "'" + client + "' is reserved for the service itself", List.of());
        }
        if (!jdbc.queryForList(
                        "select id from api_key where lower(client_name) = ? and revoked_at is null",
                        String.class,
                        client.toLowerCase(Locale.ROOT))
                .isEmpty()) {
            throw new InvalidFieldException(
                    "client",
                    client,
                    "a valid key for '" + client + "' exists already: revoke it "
                            + "first, or give this client another name",
                    List.of());
        }
        String id = HexFormat.of().formatHex(random(6));
        String key = "vda_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(24));
        String salt = HexFormat.of().formatHex(random(16));
        Instant now = clock.instant();
        List<String> names = scopes.stream().sorted().map(Scope::value).toList();
        jdbc.update(
                "insert into api_key (id, client_name, salt, hash, scopes, created_at) values (?, ?, ?, ?, ?, ?)",
                id,
                client,
                salt,
                hash(salt, key),
                String.join(",", names),
                Timestamp.from(now));
        return new NewKey(id, key, client, names, now);
    }

    public List<KeyInfo> list() {
        return jdbc.query(
                "select id, client_name, scopes, created_at, revoked_at from api_key order by created_at",
                (rs, n) -> new KeyInfo(
                        rs.getString("id"),
                        rs.getString("client_name"),
                        Arrays.asList(rs.getString("scopes").split(",")),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null
                                ? null
                                : rs.getTimestamp("revoked_at").toInstant()));
    }

    /** Revokes a key; false when there is no such key. */
    public boolean revoke(String id) {
        int changed = jdbc.update(
                "update api_key set revoked_at = ? where id = ? and revoked_at is null",
                Timestamp.from(clock.instant()),
                id);
        verified.values().removeIf(c -> id.equals(c.client().keyId()));
        return changed > 0
                || !jdbc.queryForList("select id from api_key where id = ?", String.class, id)
                        .isEmpty();
    }

    /** The client of a key known without the database: the bootstrap key, or one verified in the last 30 s. */
    public Optional<Client> known(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        if (bootstrapDigest != null && MessageDigest.isEqual(bootstrapDigest, digest)) {
            return Optional.of(new Client(BOOTSTRAP, BOOTSTRAP, EnumSet.allOf(Scope.class)));
        }
        Cached cached = verified.get(HexFormat.of().formatHex(digest));
        return cached != null && cached.until() > System.currentTimeMillis()
                ? Optional.of(cached.client())
                : Optional.empty();
    }

    /** The client a presented key belongs to, or empty when it is no valid key. */
    public Optional<Client> authenticate(String presented) {
        Optional<Client> known = known(presented);
        if (known.isPresent() || presented == null || presented.isBlank() || presented.length() > 200) {
            return known;
        }
        String cacheKey = HexFormat.of().formatHex(sha256(presented));
        long now = System.currentTimeMillis();
        String[] parts = presented.split("_", 3);
        if (parts.length != 3 || !parts[0].equals("vda")) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select id, client_name, salt, hash, scopes from api_key where id = ? and revoked_at is null",
                parts[1]);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        byte[] expected = HexFormat.of().parseHex((String) row.get("hash"));
        byte[] actual = HexFormat.of().parseHex(hash((String) row.get("salt"), presented));
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        Set<Scope> scopes = Arrays.stream(((String) row.get("scopes")).split(","))
                .map(Scope::of)
                .flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
        Client client = new Client((String) row.get("id"), (String) row.get("client_name"), scopes);
        verified.put(cacheKey, new Cached(client, now + CACHE_MILLIS));
        return Optional.of(client);
    }

    private static String hash(String salt, String key) {
        return HexFormat.of().formatHex(sha256(salt + key));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return b;
    }
}
