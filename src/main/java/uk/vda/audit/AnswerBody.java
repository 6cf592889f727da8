package uk.vda.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import uk.vda.system.Gzip;

/**
 * An answer's JSON, written once and given to every request that gets the same answer (an answer from the cache),
 * with a gap where each request's own id goes: the bytes sent to the client and, compressed once by the audit
 * trail ({@link AuditLog#record}), the answer as its record keeps it. A repeated question then costs its own part
 * of the record (its question and ids) and copying bytes, not writing, scrubbing and compressing a 2–3 kB answer
 * twice more (docs/decisions/0019).
 *
 * <p>The JSON must come from the audit trail's own mapper (the application's {@code JsonMapper}), so that the
 * record holds exactly what it held when the answer object itself was written there.
 */
public final class AnswerBody {
    private final byte[] head;
    private final byte[] tail;
    /** The answer as recorded: a {@link Gzip.Gapped}, or {@link #SCRUBBED_EACH_TIME}; set on first record. */
    private volatile Object recorded;

    private static final Object SCRUBBED_EACH_TIME = new Object();

    /** The question last recorded with this answer, and its record (scrubbed, compressed): see {@link #question}. */
    private volatile Asked lastAsked;

    private record Asked(Object question, byte[] recorded) {}

    /**
     * @param json the answer's JSON, holding {@code id} (a fresh answer id, quoted) exactly once: there the
     *             id of each request that gets this answer goes
     */
    public AnswerBody(byte[] json, String id) {
        byte[] quoted = ('"' + checked(id) + '"').getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(json, quoted, 0);
        if (at < 0 || indexOf(json, quoted, at + 1) >= 0) {
            throw new IllegalArgumentException("the answer's JSON must hold its id exactly once");
        }
        this.head = Arrays.copyOfRange(json, 0, at + 1);
        this.tail = Arrays.copyOfRange(json, at + quoted.length - 1, json.length);
    }

    /** The answer's JSON with this request's id. */
    public byte[] json(String id) {
        byte[] gap = checked(id).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + gap.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(gap, 0, out, head.length, gap.length);
        System.arraycopy(tail, 0, out, head.length + gap.length, tail.length);
        return out;
    }

    /**
     * The compressed JSON the audit record keeps for this id. Worked out on the first record: head and tail
     * compressed once, unless the answer holds a field the trail scrubs (no decision does), which is then scrubbed
     * and compressed every time, as any other value. A scrubbed name cannot begin in head and end in tail unless
     * the id, between quotes, is that name: only such an id takes the scrubbing way on its own.
     */
    byte[] recorded(String id, Scrubber scrubber) {
        Object form = recorded;
        if (form == null) {
            // two first records at once may both work it out; either result is the same
            form = scrubber.mayNeedScrubbing(head) || scrubber.mayNeedScrubbing(tail)
                    ? SCRUBBED_EACH_TIME
                    : new Gzip.Gapped(head, tail);
            recorded = form;
        }
        return form instanceof Gzip.Gapped gapped && !scrubber.isScrubbedName(id)
                ? gapped.with(checked(id).getBytes(StandardCharsets.US_ASCII))
                : Gzip.gzip(scrubber.scrub(json(id)));
    }

    /**
     * The record of a question that got this answer: {@code record} applied to it, unless the question last
     * recorded with this answer was equal to it (the same person, document and words: a client asking again), whose
     * record is then given again. A question's record is a function of the question alone (its JSON, scrubbed and
     * compressed), so equal questions have equal records; a repeated question then costs an equality check instead
     * of writing, scrubbing and compressing its JSON (docs/decisions/0023).
     */
    byte[] question(Object question, Function<Object, byte[]> record) {
        Asked last = lastAsked;
        if (last != null && last.question().equals(question)) {
            return last.recorded();
        }
        byte[] recorded = record.apply(question);
        if (question != null) {
            lastAsked = new Asked(question, recorded);
        }
        return recorded;
    }

    /** Ids go into JSON as they are, so they may hold only characters JSON never escapes nor ends a string on. */
    private static String checked(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9'
                    || c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c == '-'
                    || c == '_'
                    || c == '.')) {
                throw new IllegalArgumentException("an answer id holds letters, digits, '-', '_' and '.' only");
            }
        }
        return id;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
