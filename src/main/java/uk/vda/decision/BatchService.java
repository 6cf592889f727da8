package uk.vda.decision;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.audit.AuditEntry;
import uk.vda.audit.AuditLog;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;
import uk.vda.parts.ReasonView;
import uk.vda.policy.Effect;
import uk.vda.security.CostLimiter;
import uk.vda.system.AdvisorMetrics;
import uk.vda.system.FieldProblem;
import uk.vda.system.Ids;
import uk.vda.system.InvalidRequestException;
import uk.vda.system.RequestChecks;

/**
 * Many disclosure questions in one call, each answered exactly as a single decision would be (through the same
 * rules and cache). Everything is checked first, so a bad batch is refused, every problem listed, before any
 * answer. The answers are then worked out in chunks by a pool of workers all batches share: each chunk is recorded
 * in the decision log (one BATCH record with every pair's outcome) and only then sent, while the workers go on
 * with the next. So memory holds about two chunks whatever the batch's size, no answer leaves before its record,
 * and when the client goes away the next chunk's write fails and the work stops.
 */
@Service
public class BatchService implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(BatchService.class);
    static final String ENDPOINT = "/api/v1/decisions/batch";
    /** Most pairs in one chunk, whatever the time: cached answers are fast, and full answers are large. */
    static final int MAX_CHUNK = 16_384;

    private static final int FIRST_CHUNK = 64;

    private final DecisionService decisions;
    private final JsonMapper json;
    private final RequestChecks checks;
    private final AuditLog audit;
    private final AdvisorMetrics metrics;
    private final CostLimiter costs;
    private final int threads;
    private final long chunkNanos;
    private final ExecutorService workers;
    private final AtomicInteger running = new AtomicInteger();
    private final LongAdder answered = new LongAdder();

    public BatchService(
            DecisionService decisions,
            JsonMapper json,
            RequestChecks checks,
            AuditLog audit,
            AdvisorMetrics metrics,
            CostLimiter costs,
            BatchProperties properties) {
        this.decisions = decisions;
        this.json = json;
        this.checks = checks;
        this.audit = audit;
        this.metrics = metrics;
        this.costs = costs;
        this.threads = properties.workers();
        this.chunkNanos = Math.max(1, properties.chunkTime().toNanos());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "batch-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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

    @Override
    public void destroy() {
        workers.shutdownNow();
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
            return 1
                    + (document.alternatives() == null
                            ? 0
                            : document.alternatives().size());
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

    /** How a batch ended. */
    record Outcome(int sent, long evaluated, long cached, boolean clientGone) {
        long cost() {
            return CostLimiter.cost(evaluated, cached);
        }
    }

    /**
     * Checks the batch, takes its cost from the client's allowance, answers it and gives back what the cache saved
     * or what was left undone. Until the first chunk is recorded nothing is written, so a refusal is still a
     * problem+json answer; after that a failure (the decision log unavailable) ends the stream short.
     */
    public void answer(BatchRequest request, Explain explain, Response response) throws IOException {
        long started = System.nanoTime();
        Plan plan = plan(request);
        CostLimiter.Reservation reservation = costs.reserve("batch", plan.cost());
        running.incrementAndGet();
        Outcome outcome = null;
        Run run = new Run(plan, reservation);
        try {
            outcome = run.stream(explain, response);
        } finally {
            run.stop();
            running.decrementAndGet();
            reservation.settle(outcome != null ? outcome.cost() : run.cost());
            metrics.batch(outcome != null ? outcome.sent() : 0, System.nanoTime() - started);
        }
    }

    /** Where the answer goes: told the status and type just before the first byte. */
    public interface Response {
        OutputStream start() throws IOException;
    }

    /** One batch being answered. */
    private final class Run {
        private final Plan plan;
        private final CostLimiter.Reservation reservation;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final LongAdder evaluated = new LongAdder();
        private final LongAdder done = new LongAdder();
        private long budget = FIRST_CHUNK;
        private String batchId;
        /** The chunk being sent, and the one being worked out meanwhile. */
        private volatile Chunk current;

        private volatile Chunk next;

        Run(Plan plan, CostLimiter.Reservation reservation) {
            this.plan = plan;
            this.reservation = reservation;
        }

        /** Evaluations so far, with the cached answers at their rate. */
        long cost() {
            long evaluations = evaluated.sum();
            return CostLimiter.cost(evaluations, Math.max(0, done.sum() - evaluations));
        }

        void cancel() {
            cancelled.set(true);
        }

        /** Cancels what is left and waits for the workers to finish the pair each is on. */
        void stop() {
            cancel();
            for (Chunk chunk : new Chunk[] {current, next}) {
                if (chunk != null) {
                    chunk.quietlyAwait();
                }
            }
        }

        Outcome stream(Explain explain, Response response) throws IOException {
            next = submit(0);
            JsonGenerator g = null;
            int sent = 0;
            long permits = 0;
            try {
                while (next != null) {
                    Chunk chunk = next;
                    current = chunk;
                    chunk.await();
                    adapt(chunk);
                    next = chunk.end() < plan.size() ? submit(chunk.end()) : null;
                    String id = Ids.next();
                    if (batchId == null) {
                        batchId = id;
                    }
                    record(chunk, id);
                    if (g == null) {
                        g = json.createGenerator(response.start());
                        header(g, chunk, explain);
                    }
                    permits += write(g, chunk, id, explain);
                    sent += chunk.answers.length;
                    g.flush();
                }
                // every pair is answered: what the cache saved goes back before the client has the whole answer, so
                // a next request sent on its last byte finds it
                reservation.settle(cost());
                g.writeEndArray();
                g.writeNumberProperty("permits", permits);
                g.writeEndObject();
                g.close();
            } catch (IOException | JacksonIOException e) {
                if (g == null) {
                    throw e;
                }
                // The client has gone (Tomcat's ClientAbortException): stop, and send nothing more.
                cancel();
                log.info(
                        "Batch {} stopped after {} of {} pairs: the client went away ({})",
                        batchId,
                        sent,
                        plan.size(),
                        e.getMessage());
                return new Outcome(sent, evaluated.sum(), Math.max(0, done.sum() - evaluated.sum()), true);
            }
            return new Outcome(sent, evaluated.sum(), Math.max(0, done.sum() - evaluated.sum()), false);
        }

        /** Sizes the next chunk so that it takes about {@code chunkTime}: at most four times the last, at least one pair. */
        private void adapt(Chunk chunk) {
            long took = Math.max(1, chunk.finished - chunk.started);
            double scale = Math.min(4.0, (double) chunkNanos / took);
            budget = Math.max(1, Math.min((long) MAX_CHUNK * 64, (long) (chunk.cost * scale)));
        }

        /** The pairs from {@code first} whose cost fits the budget (one at least), handed to the workers. */
        private Chunk submit(int first) {
            int end = first;
            long cost = 0;
            while (end < plan.size() && end - first < MAX_CHUNK && (end == first || cost < budget)) {
                cost += costOf(end);
                end++;
            }
            Chunk chunk = new Chunk(first, end, cost);
            int slices = Math.min(chunk.answers.length, threads * 4);
            int per = (chunk.answers.length + slices - 1) / slices;
            for (int from = first; from < end; from += per) {
                int a = from;
                int b = Math.min(end, from + per);
                chunk.futures.add(workers.submit(() -> answer(chunk, a, b)));
            }
            return chunk;
        }

        private long costOf(int i) {
            return Plan.cost(
                    plan.matrix()
                            ? plan.request()
                                    .documents()
                                    .get(i % plan.request().documents().size())
                            : plan.request().pairs().get(i).document());
        }

        private void answer(Chunk chunk, int from, int to) {
            for (int i = from; i < to && !cancelled.get(); i++) {
                DecisionRequest question = plan.question(i);
                long cost = Plan.cost(question.document());
                chunk.answers[i - chunk.first] = decisions.answer(question, () -> evaluated.add(cost));
                done.increment();
                answered.increment();
            }
        }

        /** One BATCH record per chunk: the first holds the whole request, every one the outcome of each of its pairs. */
        private void record(Chunk chunk, String id) {
            int permits = 0;
            List<String> outcomes = new ArrayList<>(chunk.answers.length);
            for (DecisionResponse a : chunk.answers) {
                outcomes.add(a.decision() + ":" + a.requiredVetting());
                permits += a.decision() == Effect.PERMIT ? 1 : 0;
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("batchId", batchId);
            answer.put("first", chunk.first);
            answer.put("count", chunk.answers.length);
            answer.put("pairs", plan.size());
            answer.put("permits", permits);
            answer.put("outcomes", outcomes);
            boolean whole = chunk.first == 0 && chunk.end() == plan.size();
            String said = whole
                    ? plan.size() + " pairs"
                    : "pairs " + (chunk.first + 1) + "-" + chunk.end() + " of " + plan.size();
            Object asked = chunk.first == 0
                    ? plan.request()
                    : Map.of("batchId", batchId, "first", chunk.first, "count", chunk.answers.length);
            audit.record(new AuditEntry(
                    id,
                    "BATCH",
                    ENDPOINT,
                    null,
                    null,
                    said,
                    chunk.answers[0].ruleSet().version(),
                    (chunk.finished - chunk.started) / 1000,
                    asked,
                    answer));
        }

        private void header(JsonGenerator g, Chunk first, Explain explain) {
            g.writeStartObject();
            g.writeStringProperty("batchId", batchId);
            g.writeName("ruleSet");
            g.writeStartObject();
            g.writeStringProperty("version", first.answers[0].ruleSet().version());
            g.writeEndObject();
            g.writeNumberProperty("count", plan.size());
            g.writeStringProperty("explain", explain.name());
            g.writeName("results");
            g.writeStartArray();
        }

        /** Writes a chunk's answers; returns its permits. */
        private int write(JsonGenerator g, Chunk chunk, String id, Explain explain) {
            int permits = 0;
            for (int k = 0; k < chunk.answers.length; k++) {
                int index = chunk.first + k;
                DecisionResponse answer = chunk.answers[k];
                DecisionRequest question = plan.question(index);
                permits += answer.decision() == Effect.PERMIT ? 1 : 0;
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
                    g.writePOJO(DecisionService.withId(answer, id));
                }
                g.writeEndObject();
            }
            return permits;
        }
    }

    /** Pairs [first, end) being answered by the workers. */
    private static final class Chunk {
        final int first;
        final long cost;
        final DecisionResponse[] answers;
        final List<Future<?>> futures = new ArrayList<>();
        final long started = System.nanoTime();
        long finished;

        Chunk(int first, int end, long cost) {
            this.first = first;
            this.cost = cost;
            this.answers = new DecisionResponse[end - first];
        }

        int end() {
            return first + answers.length;
        }

        /** Waits for every slice; a slice's failure is rethrown as it was. */
        void await() {
            try {
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while answering a batch");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
            finished = System.nanoTime();
        }

        /** Waits for every slice to end, however it ends. */
        void quietlyAwait() {
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException | CancellationException e) {
                    // ended: that is all this waits for
                }
            }
        }
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(message + " (" + field + ")", List.of(problem(field, message)));
    }

    private static FieldProblem problem(String field, String message) {
        return new FieldProblem(field, message, null, List.of());
    }
}
