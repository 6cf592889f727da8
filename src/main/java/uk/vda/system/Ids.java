package uk.vda.system;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers for answers and records: time-ordered (version 7, RFC 9562) UUIDs, the milliseconds since 1970 in
 * the first 48 bits and 74 random bits from a per-thread generator after them.
 *
 * <p>Why time-ordered: every answer's id is the primary key of its audit record. Random (version 4) ids land all
 * over the key's B-tree, so each insert read and rewrote a page that was no longer in the database's cache; under
 * load that was the largest single cost of an answer (docs/performance.md). Time-ordered ids all go in at the
 * right-hand edge, on H2 and PostgreSQL alike. They need to be unique, not secret (the time is in the record
 * anyway); {@link UUID#randomUUID()} would also serialise every request on one SecureRandom lock.
 */
public final class Ids {
    private Ids() {
    }

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
