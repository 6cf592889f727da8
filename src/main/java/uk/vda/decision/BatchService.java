package uk.vda.decision;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.ObjIntConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.audit.AuditEntry;
import uk.vda.audit.AuditLog;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;
import uk.vda.parts.ReasonView;
import uk.vda.policy.Effect;
import uk.vda.security.CostLimiter;
import uk.vda.system.AdvisorMetrics;
import uk.vda.system.ChunkedWork;
import uk.vda.system.FieldProblem;
import uk.vda.system.InvalidRequestException;
import uk.vda.system.RequestChecks;

/**
 * Many disclosure questions in one call, each answered exactly as a single decision would be (through the same
 * rules and cache). Everything is checked first, so a bad batch is refused, every problem listed, before any
 * answer. The answers are then worked out in chunks by the workers all batches and rosters share
 * ({@link ChunkedWork}): each chunk is recorded in the decision log (one BATCH record with every pair's outcome)
 * and only then sent, while the workers go on with the next. So memory holds about two chunks whatever the
 * batch's size, no answer leaves before its record, and when the client goes away the next chunk's write fails
 * and the work stops.
 */
@Service
public class BatchService {
    static final String ENDPOINT = "/api/v1/decisions/batch";

    private final DecisionService decisions;
    private final JsonMapper json;
    private final RequestChecks checks;
    private final AuditLog audit;
    private final AdvisorMetrics metrics;
    private final CostLimiter costs;
    private final ChunkedWork chunks;
    private final AtomicInteger running = new AtomicInteger();
    private final LongAdder answered = new LongAdder();

    public BatchService(
            DecisionService decisions,
            JsonMapper json,
            RequestChecks checks,
            AuditLog audit,
            AdvisorMetrics metrics,
            CostLimiter costs,
            ChunkedWork chunks) {
        this.decisions = decisions;
        this.json = json;
        this.checks = checks;
        this.audit = audit;
        this.metrics = metrics;
        this.costs = costs;
        this.chunks = chunks;
    }

    @Autowired(required = false)
    void bind(MeterRegistry registry) {
        Gauge.builder("advisor.batch.running", running, AtomicInteger::get)
                .description("Batches being answered now")
                .register(registry);
        FunctionCounter.builder("advisor.batch.answered", answered, LongAdder::sum)
                .description("Pairs answered by batches (sent or not)")
                .register(registry);
    }

    /** How much of each answer to send. */
    public enum Explain {
        NONE,
        SUMMARY,
        FULL
    }

    /** Batches being answered now. */
    int running() {
        return running.get();
    }

    /** Pairs answered by batches since start-up, whether or not they reached the client. */
    long answered() {
        return answered.sum();
    }

    /**
     * A checked batch: its questions by index, made when needed rather than all at once (a matrix of a thousand
     * people and a thousand documents is a million questions but two thousand objects).
     */
    record Plan(BatchRequest request, int size, long cost) {
        boolean matrix() {
            return request.pairs() == null;
        }

        DecisionRequest question(int i) {
            if (matrix()) {
                int documents = request.documents().size();
                return new DecisionRequest(
                        request.people().get(i / documents),
                        request.documents().get(i % documents),
                        request.access(),
                        request.asOf());
            }
            BatchRequest.Pair pair = request.pairs().get(i);
            return new DecisionRequest(
                    pair.person(),
                    pair.document(),
                    pair.access() != null ? pair.access() : request.access(),
                    pair.asOf() != null ? pair.asOf() : request.asOf());
        }

        /** Rule evaluations the pair needs when it is not in the cache: the document and each alternative. */
        static long cost(DocumentInput document) {
            return document.evaluations();
        }
    }

    /**
     * Checks the whole batch and takes its cost from the client's allowance (413, 429); no rule has run yet. A bad
     * batch is one 400 listing every problem of every pair, each named where it is ({@code
     * pairs[3].person.vetting[0].level}); a pair without its person or document is found before the cost is taken,
     * the rest after, so a batch too big to run is refused without checking each pair.
     */
    Plan plan(BatchRequest request) {
        boolean pairs = request.pairs() != null;
        boolean matrix = request.people() != null || request.documents() != null;
        if (pairs == matrix) {
            throw invalid("(body)", "give either pairs, or people and documents");
        }
        long size = pairs
                ? request.pairs().size()
                : (long) (request.people() == null ? 0 : request.people().size())
                        * (request.documents() == null ? 0 : request.documents().size());
        if (size == 0) {
            throw invalid(pairs ? "pairs" : "people", "the batch has no pairs");
        }
        if (!problems(request, false).isEmpty()) {
            throw InvalidRequestException.in("batch", problems(request, true));
        }
        long cost = 0;
        if (pairs) {
            for (BatchRequest.Pair pair : request.pairs()) {
                cost += Plan.cost(pair.document());
            }
        } else {
            for (DocumentInput document : request.documents()) {
                cost += Plan.cost(document);
            }
            cost *= request.people().size();
        }
        costs.check("batch", cost);
        List<FieldProblem> problems = problems(request, true);
        if (!problems.isEmpty()) {
            throw InvalidRequestException.in("batch", problems);
        }
        return new Plan(request, (int) size, cost);
    }

    /** A person or document that asks nothing of the vocabulary, to check the other part of a matrix on its own. */
    private static final PersonInput NO_PERSON = new PersonInput(null, null, null, null, null);

    private static final DocumentInput NO_DOCUMENT =
            new DocumentInput(null, null, null, null, null, null, null, null, null, null);

    /**
     * Every problem of the batch in the order of its pairs (of a matrix: its people, then its documents, each once):
     * the missing parts, and with {@code all} what each part that is there would be refused for as a single question.
     */
    private List<FieldProblem> problems(BatchRequest request, boolean all) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.pairs() != null) {
            for (int i = 0; i < request.pairs().size(); i++) {
                BatchRequest.Pair pair = request.pairs().get(i);
                String prefix = "pairs[" + i + "].";
                if (pair == null || pair.person() == null || pair.document() == null) {
                    problems.add(problem("pairs[" + i + "]", "each pair needs person and document"));
                } else if (all) {
                    problems.addAll(problems(
                            new DecisionRequest(pair.person(), pair.document(), null, null),
                            prefix + "person.",
                            prefix + "document."));
                }
            }
            return problems;
        }
        for (int p = 0; p < request.people().size(); p++) {
            PersonInput person = request.people().get(p);
            if (person == null) {
                problems.add(problem("people[" + p + "]", "must not be null"));
            } else if (all) {
                problems.addAll(
                        problems(new DecisionRequest(person, NO_DOCUMENT, null, null), "people[" + p + "].", ""));
            }
        }
        for (int d = 0; d < request.documents().size(); d++) {
            DocumentInput document = request.documents().get(d);
            if (document == null) {
                problems.add(problem("documents[" + d + "]", "must not be null"));
            } else if (all) {
                problems.addAll(
                        problems(new DecisionRequest(NO_PERSON, document, null, null), "", "documents[" + d + "]."));
            }
        }
        return problems;
    }

    /**
     * What a single question would be refused for, named where it is in the batch: its constraints (what
     * {@code @Valid} checks there), and when it meets them, the rule set's vocabulary. A blank prefix: that part is
     * a stand-in and is not checked.
     */
    private List<FieldProblem> problems(DecisionRequest question, String person, String document) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!person.isEmpty()) {
            problems.addAll(checks.problems(question.person(), person));
        }
        if (!document.isEmpty()) {
            problems.addAll(checks.problems(question.document(), document));
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            decisions.validate(question);
        } catch (InvalidRequestException e) {
            for (FieldProblem p : e.problems()) {
                String field = p.field().startsWith("person.")
                        ? person + p.field().substring("person.".length())
                        : p.field().startsWith("document.")
                                ? document + p.field().substring("document.".length())
                                : p.field();
                problems.add(new FieldProblem(field, p.message(), p.rejected(), p.allowed()));
            }
        }
        return problems;
    }

    /**
     * Checks the batch, takes its cost from the client's allowance, answers it and gives back what the cache saved
     * or what was left undone. Until the first chunk is recorded nothing is written, so a refusal is still a
     * problem+json answer; after that a failure (the decision log unavailable) ends the stream short.
     */
    public void answer(BatchRequest request, Explain explain, ChunkedWork.Response response) throws IOException {
        long started = System.nanoTime();
        Plan plan = plan(request);
        CostLimiter.Reservation reservation = costs.reserve("batch", plan.cost());
        running.incrementAndGet();
        Job job = new Job(plan, reservation, explain, response);
        ChunkedWork.Outcome outcome = null;
        try {
            outcome = chunks.run(job);
        } finally {
            // every worker has stopped: what the job counted is final (settled once: a batch answered in full
            // has settled before its last byte, in Job.finished)
            running.decrementAndGet();
            reservation.settle(job.cost());
            metrics.batch(outcome != null ? outcome.sent() : 0, System.nanoTime() - started);
        }
    }

    /** One batch being answered, chunk by chunk ({@link ChunkedWork}). */
    private final class Job implements ChunkedWork.Job<DecisionResponse> {
        private final Plan plan;
        private final CostLimiter.Reservation reservation;
        private final Explain explain;
        private final ChunkedWork.Response response;
        private final LongAdder evaluated = new LongAdder();
        private final LongAdder done = new LongAdder();
        private String batchId;
        private JsonGenerator g;
        private long permits;

        Job(Plan plan, CostLimiter.Reservation reservation, Explain explain, ChunkedWork.Response response) {
            this.plan = plan;
            this.reservation = reservation;
            this.explain = explain;
            this.response = response;
        }

        /** Evaluations so far, with the cached answers at their rate. */
        long cost() {
            long evaluations = evaluated.sum();
            return CostLimiter.cost(evaluations, Math.max(0, done.sum() - evaluations));
        }

        @Override
        public String kind() {
            return "Batch";
        }

        @Override
        public int size() {
            return plan.size();
        }

        @Override
        public long cost(int i) {
            return Plan.cost(
                    plan.matrix()
                            ? plan.request()
                                    .documents()
                                    .get(i % plan.request().documents().size())
                            : plan.request().pairs().get(i).document());
        }

        @Override
        public DecisionResponse answer(int i) {
            try (DecisionService.Run run = decisions.run()) {
                return answer(i, run);
            }
        }

        /** Neighbouring pairs of a matrix ask about one person: they share a run (one kept session for the person). */
        @Override
        public void answer(int from, int to, BooleanSupplier stopped, ObjIntConsumer<DecisionResponse> into) {
            try (DecisionService.Run run = decisions.run()) {
                for (int i = from; i < to && !stopped.getAsBoolean(); i++) {
                    into.accept(answer(i, run), i);
                }
            }
        }

        private DecisionResponse answer(int i, DecisionService.Run run) {
            DecisionRequest question = plan.question(i);
            long cost = Plan.cost(question.document());
            // with no explanation asked for, only the outcome is sent and recorded: no words are made for it
            DecisionResponse answer = explain == Explain.NONE
                    ? decisions.outcome(question, () -> evaluated.add(cost), run)
                    : decisions.answer(question, () -> evaluated.add(cost), run);
            done.increment();
            answered.increment();
            return answer;
        }

        /** One BATCH record per chunk: the first holds the whole request, every one the outcome of each of its pairs. */
        @Override
        public void record(ChunkedWork.Chunk<DecisionResponse> chunk) {
            if (batchId == null) {
                batchId = chunk.id();
            }
            int chunkPermits = 0;
            List<String> outcomes = new ArrayList<>(chunk.size());
            for (DecisionResponse a : chunk.answers()) {
                outcomes.add(a.decision() + ":" + a.requiredVetting());
                chunkPermits += a.decision() == Effect.PERMIT ? 1 : 0;
            }
            audit.record(AuditEntry.ofChunk(
                    "BATCH",
                    ENDPOINT,
                    "batchId",
                    batchId,
                    "pairs",
                    chunk,
                    plan.size(),
                    plan.request(),
                    chunk.get(0).ruleSet().version(),
                    Map.of("permits", chunkPermits),
                    outcomes));
        }

        @Override
        public void send(ChunkedWork.Chunk<DecisionResponse> chunk) throws IOException {
            if (g == null) {
                g = json.createGenerator(response.start());
                header(chunk);
            }
            permits += write(chunk);
            g.flush();
        }

        /**
         * Every pair is answered: what the cache saved goes back before the client has the whole answer, so a next
         * request sent on its last byte finds it.
         */
        @Override
        public void finished() {
            reservation.settle(cost());
        }

        @Override
        public void end() {
            g.writeEndArray();
            g.writeNumberProperty("permits", permits);
            g.writeEndObject();
            g.close();
        }

        private void header(ChunkedWork.Chunk<DecisionResponse> first) {
            g.writeStartObject();
            g.writeStringProperty("batchId", batchId);
            g.writeName("ruleSet");
            g.writeStartObject();
            g.writeStringProperty("version", first.get(0).ruleSet().version());
            g.writeEndObject();
            g.writeNumberProperty("count", plan.size());
            g.writeStringProperty("explain", explain.name());
            g.writeName("results");
            g.writeStartArray();
        }

        /** Writes a chunk's answers; returns its permits. */
        private int write(ChunkedWork.Chunk<DecisionResponse> chunk) {
            int chunkPermits = 0;
            for (int k = 0; k < chunk.size(); k++) {
                int index = chunk.first() + k;
                DecisionResponse answer = chunk.get(k);
                DecisionRequest question = plan.question(index);
                chunkPermits += answer.decision() == Effect.PERMIT ? 1 : 0;
                g.writeStartObject();
                g.writeNumberProperty("index", index);
                g.writeStringProperty("personId", question.person().id());
                g.writeStringProperty("documentId", question.document().id());
                g.writeStringProperty("decision", answer.decision().name());
                g.writeStringProperty(
                        "requiredVetting",
                        answer.requiredVetting() == null
                                ? null
                                : answer.requiredVetting().name());
                if (explain == Explain.SUMMARY) {
                    g.writeStringProperty("summary", answer.summary());
                    g.writeName("reasons");
                    g.writeStartArray();
                    for (ReasonView reason : answer.reasons()) {
                        if (reason.effect() != Effect.NOTE) {
                            g.writeString(reason.rule());
                        }
                    }
                    g.writeEndArray();
                } else if (explain == Explain.FULL) {
                    // A cached answer carries the id of the question that first made it, which has no record of
                    // its own here: every answer of a batch is in its chunk's record, so it has that record's id.
                    g.writeName("answer");
                    g.writePOJO(DecisionService.withId(answer, chunk.id()));
                }
                g.writeEndObject();
            }
            return chunkPermits;
        }
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(message + " (" + field + ")", List.of(problem(field, message)));
    }

    private static FieldProblem problem(String field, String message) {
        return new FieldProblem(field, message, null, List.of());
    }
}
