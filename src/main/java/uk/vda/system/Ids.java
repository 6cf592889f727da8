package uk.vda.system;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers for answers and records: time-ordered (version 7, RFC 9562) UUIDs, the milliseconds since 1970 in
 * the first 48 bits and 74 random bits from a per-thread generator after them.
 *
 * <p>Time-ordered because each id is the primary key of an audit record: they go in at the B-tree's right-hand
 * edge instead of on a random page, and no request waits on {@link UUID#randomUUID()}'s one SecureRandom lock.
 * Unique, not secret. Why, with the measurements: docs/decisions/0005.
 */
public final class Ids {
    private Ids() {}

    public static String next() {
        return next(System.currentTimeMillis());
    }

    static String next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
