package uk.vda.system;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers for answers and records: random (version 4) UUIDs drawn from a per-thread generator. They need to
 * be unique, not secret; {@link UUID#randomUUID()} serialises every request on one SecureRandom lock, which
 * under load was the single largest cost of an answer.
 */
public final class Ids {
    private Ids() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
