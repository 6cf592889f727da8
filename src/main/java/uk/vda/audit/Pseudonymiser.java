package uk.vda.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns a person identifier into a keyed hash (HMAC-SHA256). The key is made once per database and kept there,
 * so the same person gets the same pseudonym across restarts and an auditor can search by it, while nobody
 * without the database can reverse it.
 */
@Component
public class Pseudonymiser {
    private static final String KEY_NAME = "pseudonym-key";
    private final JdbcTemplate jdbc;
    private volatile byte[] key;
    /** A Mac per thread, keyed once: looking the algorithm up and keying it again cost more than the hash itself. */
    private final ThreadLocal<Mac> macs = new ThreadLocal<>();

    public Pseudonymiser(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public String pseudonym(String identifier) {
        if (identifier == null) {
            return null;
        }
        // the first 16 bytes of the HMAC, as 32 hex digits
        return "p-" + HexFormat.of().formatHex(mac().doFinal(identifier.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private Mac mac() {
        Mac mac = macs.get();
        if (mac == null) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            macs.set(mac);
        }
        return mac;
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = HexFormat.of().parseHex(loadOrCreate());
                }
                k = key;
            }
        }
        return k;
    }

    private String loadOrCreate() throws DataAccessException {
        var existing = jdbc.queryForList("select secret from audit_secret where name = ?", String.class, KEY_NAME);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
            jdbc.update(
                    "insert into audit_secret (name, secret) values (?, ?)",
                    KEY_NAME,
                    HexFormat.of().formatHex(fresh));
        } catch (DuplicateKeyException raced) {
            // another instance made it first: use theirs
        }
        return jdbc.queryForObject("select secret from audit_secret where name = ?", String.class, KEY_NAME);
    }
}
