package uk.vda.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.vda.system.ChunkedWork;

/**
 * One answer to record. {@code personId} is the raw identifier (pseudonymised before it is written);
 * {@code request} and {@code response} are the objects exchanged, written as compressed JSON; the response may be
 * an {@link AnswerBody} already written, whose gap is then filled with this entry's {@code id}.
 */
public record AuditEntry(
        String id,
        String kind,
        String endpoint,
        String personId,
        String documentId,
        String outcome,
        String ruleSetVersion,
        long latencyMicros,
        Object request,
        Object response) {

    /**
     * The record of one chunk of a job answered in recorded chunks, a batch or a roster (docs/decisions/0018,
     * 0021): its id is the chunk's (the first chunk's is the job's); it holds the request as sent in the first
     * chunk's record and a pointer to it in the others, and each item's outcome compactly.
     *
     * @param idName   the job id's name in the answer ({@code batchId}, {@code rosterId})
     * @param jobId    the job's id: its first chunk's record id
     * @param items    what the items are, plural ({@code pairs}, {@code people})
     * @param total    how many items the job has
     * @param request  the request as sent, recorded with the first chunk
     * @param counts   counts of the chunk to record before its outcomes ({@code permits}), in order; may be empty
     * @param outcomes each item's outcome, in order
     */
    public static AuditEntry ofChunk(
            String kind,
            String endpoint,
            String idName,
            String jobId,
            String items,
            ChunkedWork.Chunk<?> chunk,
            int total,
            Object request,
            String ruleSetVersion,
            Map<String, Object> counts,
            List<String> outcomes) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(idName, jobId);
        answer.put("first", chunk.first());
        answer.put("count", chunk.size());
        answer.put(items, total);
        answer.putAll(counts);
        answer.put("outcomes", outcomes);
        boolean whole = chunk.first() == 0 && chunk.end() == total;
        String said =
                whole ? total + " " + items : items + " " + (chunk.first() + 1) + "-" + chunk.end() + " of " + total;
        Object asked =
                chunk.first() == 0 ? request : Map.of(idName, jobId, "first", chunk.first(), "count", chunk.size());
        return new AuditEntry(
                chunk.id(), kind, endpoint, null, null, said, ruleSetVersion, chunk.micros(), asked, answer);
    }
}
