package uk.vda.vetting;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Service;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.audit.AuditEntry;
import uk.vda.audit.AuditLog;
import uk.vda.parts.RuleSetRef;
import uk.vda.security.CostLimiter;
import uk.vda.system.AdvisorMetrics;
import uk.vda.system.ChunkedWork;

/**
 * A roster's answer, streamed as it is worked out, the way a decision batch is ({@link ChunkedWork}): the people
 * are assessed in chunks by the workers batches and rosters share, each chunk is recorded in the decision log (one
 * ROSTER record with every person's outcome) and only then sent. Memory holds about two chunks and the summary's
 * running totals, whatever the roster's size; when the client goes away the work stops within about a chunk.
 *
 * <p>The answer is what a roster has always been answered with: as JSON, {@code rosterId} (the first chunk's
 * record), {@code results} in the roster's order, then the {@code summary}, added up as the results went by, and
 * the {@code ruleSet}; as CSV, the header and one line per person. Each {@code assessmentId} is the id of the
 * chunk record that holds it.
 */
@Service
class RosterStream {
    static final String ENDPOINT = "/api/v1/vetting-assessments/roster";
    /** Most people in one chunk: unlike a batch's shared cached answers, each assessment is its own few kB. */
    static final int MAX_CHUNK = 2_048;

    private final RosterService rosters;
    private final ChunkedWork chunks;
    private final AuditLog audit;
    private final AdvisorMetrics metrics;
    private final CostLimiter costs;
    private final JsonMapper json;
    private final AtomicInteger running = new AtomicInteger();
    private final LongAdder answered = new LongAdder();

    RosterStream(
            RosterService rosters,
            ChunkedWork chunks,
            AuditLog audit,
            AdvisorMetrics metrics,
            CostLimiter costs,
            JsonMapper json) {
        this.rosters = rosters;
        this.chunks = chunks;
        this.audit = audit;
        this.metrics = metrics;
        this.costs = costs;
        this.json = json;
    }

    /** The answer's form. */
    enum Format {
        JSON,
        CSV
    }

    /** Rosters being answered now. */
    int running() {
        return running.get();
    }

    /** People assessed by rosters since start-up, whether or not their answers reached the client. */
    long answered() {
        return answered.sum();
    }

    /**
     * Takes the roster's cost from the client's allowance (429 when too little is left), answers it and gives back
     * what the line cache saved or what was left undone. Until the first chunk is recorded nothing is written, so
     * a refusal is still a problem+json answer; after that a failure (the decision log unavailable) ends the
     * answer short.
     */
    void answer(RosterService.Plan plan, Format format, ChunkedWork.Response response) throws IOException {
        CostLimiter.Reservation reservation = costs.reserve("roster", plan.cost());
        running.incrementAndGet();
        Job job = new Job(plan, reservation, format, response);
        ChunkedWork.Outcome outcome = null;
        try {
            outcome = chunks.run(job);
        } finally {
            // every worker has stopped: what the job counted is final (settled once: a roster answered in full
            // has settled before its last byte, in Job.finished)
            running.decrementAndGet();
            reservation.settle(job.cost());
            if (outcome != null) {
                metrics.roster(plan.size());
            }
        }
    }

    /** One roster being answered, chunk by chunk. */
    private final class Job implements ChunkedWork.Job<AssessmentResponse> {
        private final RosterService.Plan plan;
        private final CostLimiter.Reservation reservation;
        private final Format format;
        private final ChunkedWork.Response response;
        private final AssessmentService.Lines lines = new AssessmentService.Lines();
        private final LongAdder done = new LongAdder();
        private final RosterService.Totals totals = new RosterService.Totals();
        private String rosterId;
        private RuleSetRef ruleSet;
        private JsonGenerator g;
        private Writer csv;

        Job(
                RosterService.Plan plan,
                CostLimiter.Reservation reservation,
                Format format,
                ChunkedWork.Response response) {
            this.plan = plan;
            this.reservation = reservation;
            this.format = format;
            this.response = response;
        }

        /** What the people assessed so far cost ({@link RosterService#cost}). */
        long cost() {
            return RosterService.cost(lines.evaluated(), done.sum());
        }

        @Override
        public String kind() {
            return "Roster";
        }

        @Override
        public int size() {
            return plan.size();
        }

        @Override
        public int maxChunk() {
            return MAX_CHUNK;
        }

        @Override
        public AssessmentResponse answer(int i) {
            AssessmentResponse answer = rosters.assess(plan, i, lines);
            done.increment();
            answered.increment();
            return answer;
        }

        /**
         * One ROSTER record per chunk: the first holds the whole roster as asked, every one each of its people's
         * outcome (verdict, national and police vetting needed), in the roster's order from {@code first}.
         */
        @Override
        public void record(ChunkedWork.Chunk<AssessmentResponse> chunk) {
            if (rosterId == null) {
                rosterId = chunk.id();
                ruleSet = chunk.get(0).ruleSet();
            }
            List<String> outcomes = new ArrayList<>(chunk.size());
            for (AssessmentResponse a : chunk.answers()) {
                outcomes.add(a.verdict() + ":" + a.requiredVetting() + ":" + a.requiredPoliceVetting());
            }
            audit.record(AuditEntry.ofChunk(
                    "ROSTER",
                    ENDPOINT,
                    "rosterId",
                    rosterId,
                    "people",
                    chunk,
                    plan.size(),
                    plan.entries(),
                    chunk.get(0).ruleSet().version(),
                    Map.of(),
                    outcomes));
        }

        @Override
        public void send(ChunkedWork.Chunk<AssessmentResponse> chunk) throws IOException {
            if (format == Format.CSV) {
                if (csv == null) {
                    csv = new OutputStreamWriter(response.start(), StandardCharsets.UTF_8);
                    csv.write(RosterService.CSV_HEADER);
                }
                for (int k = 0; k < chunk.size(); k++) {
                    String personId = plan.entries().get(chunk.first() + k).personId();
                    csv.write(RosterService.csvLine(personId, chunk.get(k)));
                }
                csv.flush();
                return;
            }
            if (g == null) {
                g = json.createGenerator(response.start());
                g.writeStartObject();
                g.writeStringProperty("rosterId", rosterId);
                g.writeName("results");
                g.writeStartArray();
            }
            for (int k = 0; k < chunk.size(); k++) {
                String personId = plan.entries().get(chunk.first() + k).personId();
                AssessmentResponse answer = chunk.get(k).withAssessmentId(chunk.id());
                totals.add(personId, answer);
                g.writePOJO(new RosterResponse.Result(personId, answer));
            }
            g.flush();
        }

        /**
         * Every person is assessed: what the line cache saved goes back before the client has the whole answer, so
         * a next request sent on its last byte finds it.
         */
        @Override
        public void finished() {
            reservation.settle(cost());
        }

        @Override
        public void end() throws IOException {
            if (format == Format.CSV) {
                csv.close();
                return;
            }
            g.writeEndArray();
            g.writeName("summary");
            g.writePOJO(totals.summary());
            g.writeName("ruleSet");
            g.writePOJO(ruleSet);
            g.writeEndObject();
            g.close();
        }
    }
}
