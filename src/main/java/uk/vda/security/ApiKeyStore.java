package uk.vda.security;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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

    /** Who is calling, and what they may do. */
    public record Client(String keyId, String name, Set<Scope> scopes) {
    }

    /** A key as listed: never the key itself. */
    @Schema(description = "An API key as listed: never the key itself.")
    public record KeyInfo(@Schema(description = "The key's id (part of the key, not secret).") String id,
                          @Schema(description = "The client it was made for.") String client,
                          @Schema(description = "What it may do.") List<String> scopes,
                          @Schema(description = "When it was made.") Instant createdAt,
                          @Schema(description = "When it was revoked; null while valid.") Instant revokedAt) {
    }

    /** A key just made: the only time the key is shown. */
    @Schema(description = "A key just made. The key is shown only this once.")
    public record NewKey(@Schema(description = "The key's id, for listing and revoking.") String id,
                         @Schema(description = "The key to send in X-API-Key. Store it now: it cannot be shown again.") String key,
                         @Schema(description = "The client it was made for.") String client,
                         @Schema(description = "What it may do.") List<String> scopes,
                         @Schema(description = "When it was made.") Instant createdAt) {
    }

    private record Cached(Client client, long until) {
    }

    public ApiKeyStore(JdbcTemplate jdbc, Clock clock, @Value("${advisor.bootstrap-api-key:}") String bootstrapKey) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.bootstrapDigest = bootstrapKey == null || bootstrapKey.isBlank() ? null : sha256(bootstrapKey);
    }

    public NewKey create(String client, Set<Scope> scopes) {
        String id = HexFormat.of().formatHex(random(6));
        String key = "vda_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(24));
        String salt = HexFormat.of().formatHex(random(16));
        Instant now = clock.instant();
        List<String> names = scopes.stream().sorted().map(Scope::value).toList();
        jdbc.update("insert into api_key (id, client_name, salt, hash, scopes, created_at) values (?, ?, ?, ?, ?, ?)",
                id, client, salt, hash(salt, key), String.join(",", names), Timestamp.from(now));
        return new NewKey(id, key, client, names, now);
    }

    public List<KeyInfo> list() {
        return jdbc.query("select id, client_name, scopes, created_at, revoked_at from api_key order by created_at",
                (rs, n) -> new KeyInfo(rs.getString("id"), rs.getString("client_name"),
                        Arrays.asList(rs.getString("scopes").split(",")), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()));
    }

    /** Revokes a key; false when there is no such key. */
    public boolean revoke(String id) {
        int changed = jdbc.update("update api_key set revoked_at = ? where id = ? and revoked_at is null",
                Timestamp.from(clock.instant()), id);
        verified.values().removeIf(c -> id.equals(c.client().keyId()));
        return changed > 0 || !jdbc.queryForList("select id from api_key where id = ?", String.class, id).isEmpty();
    }

    /** The client a presented key belongs to, or empty when it is no valid key. */
    public Optional<Client> authenticate(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        if (bootstrapDigest != null && MessageDigest.isEqual(bootstrapDigest, digest)) {
            return Optional.of(new Client("bootstrap", "bootstrap", EnumSet.allOf(Scope.class)));
        }
        String cacheKey = HexFormat.of().formatHex(digest);
        Cached cached = verified.get(cacheKey);
        long now = System.currentTimeMillis();
        if (cached != null && cached.until() > now) {
            return Optional.of(cached.client());
        }
        String[] parts = presented.split("_", 3);
        if (parts.length != 3 || !parts[0].equals("vda")) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select id, client_name, salt, hash, scopes from api_key where id = ? and revoked_at is null", parts[1]);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        byte[] expected = HexFormat.of().parseHex((String) row.get("hash"));
        byte[] actual = HexFormat.of().parseHex(hash((String) row.get("salt"), presented));
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        Set<Scope> scopes = Arrays.stream(((String) row.get("scopes")).split(",")).map(Scope::of)
                .flatMap(Optional::stream).collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
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
