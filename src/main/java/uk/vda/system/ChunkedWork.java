package uk.vda.system;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.ObjIntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.exc.JacksonIOException;

/**
 * Many answers in one request (a decision batch, a roster), worked out in chunks by a pool of workers that every
 * such request shares. While the workers work out one chunk, the request's thread records the one before in the
 * decision log and only then sends it. So memory holds about two chunks whatever the request's size, no answer
 * leaves before its record, and a client that goes away is noticed at the next chunk's write: the chunk being
 * worked out is then cancelled item by item and nothing more is sent.
 *
 * <p>Chunks are sized to take about {@code advisor.batch.chunk-time}: the first holds {@value #FIRST_CHUNK} worth of
 * cost, each next one at most four times the last's, at most {@link Job#maxChunk()} items.
 */
@Component
public class ChunkedWork implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ChunkedWork.class);
    /** Most items in one chunk, whatever the time, unless a job says fewer. */
    public static final int MAX_CHUNK = 16_384;
    /** The first chunk's cost: small, so that the first answers go out soon. */
    public static final int FIRST_CHUNK = 64;

    private final int threads;
    private final long chunkNanos;
    private final ExecutorService workers;
    /** One permit a request being answered in chunks ({@code advisor.batch.streams}). */
    private final Semaphore streams;

    private final int streamLimit;

    public ChunkedWork(BatchProperties properties) {
        this.threads = properties.workers();
        this.chunkNanos = Math.max(1, properties.chunkTime().toNanos());
        this.streamLimit = properties.streams();
        this.streams = new Semaphore(streamLimit);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "batch-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }

    /** What a request answered in chunks does at each step; {@code A} is one item's answer. */
    public interface Job<A> {
        /** What the log calls it when its client goes: "Batch", "Roster". */
        String kind();

        /** Items in all. */
        int size();

        /** What item {@code i} may cost (at least 1): chunks are sized by it. */
        default long cost(int i) {
            return 1;
        }

        /** Most items in one chunk: fewer for answers that are large in memory. */
        default int maxChunk() {
            return MAX_CHUNK;
        }

        /** Works out item {@code i}, on a worker thread. */
        A answer(int i);

        /**
         * Works out items {@code from} to {@code to - 1} in order on one worker thread, giving each to {@code into},
         * and stops early once {@code stopped} says so: each {@link #answer(int) alone} unless a job whose
         * neighbouring items share work (one person, several documents) does better.
         */
        default void answer(int from, int to, BooleanSupplier stopped, ObjIntConsumer<A> into) {
            for (int i = from; i < to && !stopped.getAsBoolean(); i++) {
                into.accept(answer(i), i);
            }
        }

        /** Records a chunk in the decision log under {@link Chunk#id()}, returning once it is committed. */
        void record(Chunk<A> chunk);

        /** Sends a chunk after its record (the first chunk starts the answer); an IOException: the client has gone. */
        void send(Chunk<A> chunk) throws IOException;

        /**
         * Called once every item is worked out and every chunk sent, just before {@link #end()}: no worker is on the
         * job any more, so what it counted is final. The place to give back unused cost, before the client has the
         * last byte and can send its next request.
         */
        default void finished() {}

        /** Ends the answer, every chunk sent. */
        void end() throws IOException;
    }

    /** Where a job's answer goes: told the status and type just before the first byte. */
    public interface Response {
        OutputStream start() throws IOException;
    }

    /** How a job ended: items sent, and whether the client went away before the end. */
    public record Outcome(int sent, boolean clientGone) {}

    /** Items [first, end) of a job, worked out by the workers. */
    public static final class Chunk<A> {
        private final int first;
        private final long cost;
        private final Object[] answers;
        private final List<Future<?>> futures = new ArrayList<>();
        private final long started = System.nanoTime();
        private long finished;
        private String id;

        private Chunk(int first, int end, long cost) {
            this.first = first;
            this.cost = cost;
            this.answers = new Object[end - first];
        }

        /** The index of its first item. */
        public int first() {
            return first;
        }

        /** The index after its last item. */
        public int end() {
            return first + answers.length;
        }

        public int size() {
            return answers.length;
        }

        /** The answer to item {@code first() + k}. */
        @SuppressWarnings("unchecked")
        public A get(int k) {
            return (A) answers[k];
        }

        /** Its answers, in order. */
        @SuppressWarnings("unchecked")
        public List<A> answers() {
            return Collections.unmodifiableList((List<A>) Arrays.asList(answers));
        }

        /** Its record's id: the first chunk's is the whole job's. */
        public String id() {
            return id;
        }

        /** How long the workers took over it. */
        public long micros() {
            return (finished - started) / 1000;
        }

        /** Waits for every slice; a slice's failure is rethrown as it was. */
        private void await() {
            try {
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while answering in chunks");
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
        private void quietlyAwait() {
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

    /**
     * Works a job through, on the calling (request) thread: returns once the answer is sent, or the client has
     * gone; every worker has stopped by then. Until the first chunk is recorded nothing is sent, so a failure
     * before it (a rule error, the decision log unavailable) can still be answered as a problem; after it, a
     * failure ends the answer short.
     */
    public <A> Outcome run(Job<A> job) throws IOException {
        if (!streams.tryAcquire()) {
            throw new BusyException(job.kind(), streamLimit);
        }
        try {
            return new Run<>(job).run();
        } finally {
            streams.release();
        }
    }

    /**
     * As many batches and rosters as {@code advisor.batch.streams} are being answered: this one is refused before
     * any work, 503 with Retry-After, so that slow readers cannot hold every request thread of the server.
     */
    public static final class BusyException extends ErrorResponseException {
        BusyException(String kind, int limit) {
            super(HttpStatus.SERVICE_UNAVAILABLE, problem(kind, limit), null);
            getHeaders().set("Retry-After", "5");
        }

        private static ProblemDetail problem(String kind, int limit) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    kind + " not started: " + limit + " batches and rosters are being answered already, the most at"
                            + " once. Nothing was worked out or recorded; try again shortly.");
            problem.setType(URI.create("urn:vda:problem:busy"));
            problem.setTitle("Too many batches and rosters at once");
            problem.setProperty("limit", limit);
            return problem;
        }
    }

    /**
     * Whether writing failed: an IOException, or Jackson's for one, which writing a value wraps once more (with
     * the path of the value it was writing).
     */
    private static boolean failedToWrite(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof JacksonIOException) {
                return true;
            }
        }
        return false;
    }

    /** One job being worked through. */
    private final class Run<A> {
        private final Job<A> job;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private long budget = FIRST_CHUNK;
        /** The chunk being recorded and sent, and the one being worked out meanwhile. */
        private volatile Chunk<A> current;

        private volatile Chunk<A> next;

        Run(Job<A> job) {
            this.job = job;
        }

        Outcome run() throws IOException {
            int sent = 0;
            // while sending, an IOException means the client has gone; anything else is a failure
            boolean writing = false;
            String jobId = null;
            try {
                next = submit(0);
                while (next != null) {
                    Chunk<A> chunk = next;
                    current = chunk;
                    chunk.await();
                    adapt(chunk);
                    next = chunk.end() < job.size() ? submit(chunk.end()) : null;
                    chunk.id = Ids.next();
                    jobId = jobId == null ? chunk.id : jobId;
                    job.record(chunk);
                    writing = true;
                    job.send(chunk);
                    writing = false;
                    sent += chunk.size();
                }
                job.finished();
                writing = true;
                job.end();
                return new Outcome(sent, false);
            } catch (IOException | RuntimeException e) {
                if (!writing || !failedToWrite(e)) {
                    throw e;
                }
                // The client has gone (Tomcat's ClientAbortException): stop, and send nothing more.
                log.info(
                        "{} {} stopped after {} of {}: the client went away ({})",
                        job.kind(),
                        jobId,
                        sent,
                        job.size(),
                        e.getMessage());
                return new Outcome(sent, true);
            } finally {
                stop();
            }
        }

        /** Cancels what is left and waits for the workers to finish the item each is on. */
        private void stop() {
            cancelled.set(true);
            Chunk<A> sending = current;
            Chunk<A> working = next;
            if (sending != null) {
                sending.quietlyAwait();
            }
            if (working != null) {
                working.quietlyAwait();
            }
        }

        /** Sizes the next chunk so that it takes about {@code chunkTime}: at most four times the last. */
        private void adapt(Chunk<A> chunk) {
            long took = Math.max(1, chunk.finished - chunk.started);
            double scale = Math.min(4.0, (double) chunkNanos / took);
            budget = Math.max(1, Math.min((long) job.maxChunk() * 64, (long) (chunk.cost * scale)));
        }

        /** The items from {@code first} whose cost fits the budget (one at least), handed to the workers. */
        private Chunk<A> submit(int first) {
            int end = first;
            long cost = 0;
            int most = Math.max(1, job.maxChunk());
            while (end < job.size() && end - first < most && (end == first || cost < budget)) {
                cost += Math.max(1, job.cost(end));
                end++;
            }
            Chunk<A> chunk = new Chunk<>(first, end, cost);
            int slices = Math.min(chunk.size(), threads * 4);
            int per = (chunk.size() + slices - 1) / slices;
            for (int from = first; from < end; from += per) {
                int a = from;
                int b = Math.min(end, from + per);
                chunk.futures.add(workers.submit(() -> answer(chunk, a, b)));
            }
            return chunk;
        }

        private void answer(Chunk<A> chunk, int from, int to) {
            job.answer(from, to, cancelled::get, (answer, i) -> chunk.answers[i - chunk.first] = answer);
        }
    }
}
