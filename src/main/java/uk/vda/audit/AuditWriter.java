package uk.vda.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Group commit for the decision log. A request hands its row to {@link #write} and waits; one writer thread takes
 * every row queued meanwhile (up to {@code maxBatch}, after waiting up to {@code linger} for more), inserts them as
 * one JDBC batch in one transaction and, once committed, lets each waiting request go on to answer. So the record
 * still precedes the answer, but a busy service pays one commit per batch instead of one per answer.
 *
 * <p>Failures stay per answer: when a batch fails and the connection is still good, its rows are inserted one by
 * one, so a row the database refuses (say, a duplicate id) fails only its own request. When the database is away
 * every waiting request gets the failure. A request that has waited {@code timeout} withdraws its row if the writer
 * has not taken it yet (it is then never written); if the writer has it, the request waits up to {@code timeout}
 * once more and then gives up too. Either way a failure means no answer, so an answer is never without its record
 * (only the reverse, a record of an answer refused in that last case, is possible).
 */
final class AuditWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    static final String INSERT =
            "insert into audit_record (id, recorded_at, client_id, endpoint, kind, person_pseudonym,"
                    + " document_id, outcome, rule_set_version, latency_micros, request_gz, response_gz, key_id)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** One audit row, everything already worked out on the request's thread. */
    record Row(
            String id,
            Timestamp recordedAt,
            String clientId,
            String keyId,
            String endpoint,
            String kind,
            String personPseudonym,
            String documentId,
            String outcome,
            String ruleSetVersion,
            long latencyMicros,
            byte[] requestGz,
            byte[] responseGz) {}

    /** How long the writer waits for a row before it looks whether it was closed. */
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * How long a busy writer goes on taking new batches on one connection before it gives it back to the pool and
     * borrows one again (the batch it is writing then is finished first).
     */
    private static final Duration HOLD = Duration.ofSeconds(1);

    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int WITHDRAWN = 2;

    private static final class Pending {
        final Row row;
        final AtomicInteger state = new AtomicInteger(QUEUED);
        final CompletableFuture<Void> written = new CompletableFuture<>();

        Pending(Row row) {
            this.row = row;
        }
    }

    private final JdbcTemplate jdbc;
    private final int maxBatch;
    private final long lingerNanos;
    private final long timeoutNanos;
    private final long holdNanos;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final Object lock = new Object();
    private boolean closed;
    private Thread thread;

    AuditWriter(JdbcTemplate jdbc, int maxBatch, Duration linger, Duration timeout) {
        this(jdbc, maxBatch, linger, timeout, HOLD);
    }

    /** As the writer above, holding a connection for {@code hold} while busy: for tests. */
    AuditWriter(JdbcTemplate jdbc, int maxBatch, Duration linger, Duration timeout, Duration hold) {
        if (maxBatch < 1 || linger.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("advisor.audit: batch-size must be at least 1, linger not negative and "
                    + "write-timeout positive (got " + maxBatch + ", " + linger + ", " + timeout + ")");
        }
        this.jdbc = jdbc;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.holdNanos = hold.toNanos();
    }

    /** Returns once the row is committed; throws {@link AuditUnavailableException} when it is not (or not in time). */
    void write(Row row) {
        Pending pending = new Pending(row);
        synchronized (lock) {
            if (closed) {
                throw new AuditUnavailableException("the audit trail is closed (the service is stopping)", null);
            }
            if (thread == null || !thread.isAlive()) {
                // started on first use; started again should an Error ever have ended it
                thread = new Thread(this::run, "audit-writer");
                thread.setDaemon(true);
                thread.start();
            }
            queue.add(pending);
        }
        try {
            await(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.state.compareAndSet(QUEUED, WITHDRAWN);
            throw new AuditUnavailableException("interrupted while waiting for the audit trail", e);
        }
    }

    private void await(Pending pending) throws InterruptedException {
        try {
            pending.written.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return;
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (TimeoutException e) {
            if (pending.state.compareAndSet(QUEUED, WITHDRAWN)) {
                throw new AuditUnavailableException("the audit trail did not take the record in time", e);
            }
        }
        // The writer has the row: its insert is bounded by the pool's connection timeout and the query timeout.
        try {
            pending.written.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException("the audit trail did not confirm the record in time", e);
        }
    }

    private static AuditUnavailableException unavailable(Throwable cause) {
        return cause instanceof AuditUnavailableException a
                ? a
                : new AuditUnavailableException("the audit trail cannot be written", cause);
    }

    /** Batches the writer has written (or tried to): with {@link #rows()}, the mean batch size. */
    long batches() {
        return batches.get();
    }

    /** Rows waiting for the writer: for tests. */
    int queued() {
        return queue.size();
    }

    /** Rows the writer has taken from the queue, written or refused. */
    long rows() {
        return rows.get();
    }

    /** Writes what is queued, then stops; rows offered afterwards are refused. */
    @Override
    public void close() {
        Thread running;
        synchronized (lock) {
            closed = true;
            running = thread;
        }
        if (running != null) {
            // Not interrupted: an interrupt inside a JDBC call can close an embedded database's files. The writer
            // sees the flag within 100 ms, once the queue is empty.
            try {
                running.join(TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failAll(drain(), new AuditUnavailableException("the audit trail is closed (the service is stopping)", null));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (true) {
            if (!take(batch, IDLE_POLL_NANOS)) {
                if (isClosed()) {
                    return;
                }
                continue;
            }
            write(batch);
        }
    }

    /**
     * Takes the next batch into {@code batch}: waits up to {@code waitNanos} for its first row (0: takes only what
     * is queued), then drains the queue up to {@code maxBatch}, lingering for more when set. Rows their requests have
     * withdrawn are left out. False when it took none.
     */
    private boolean take(List<Pending> batch, long waitNanos) {
        try {
            Pending first = waitNanos > 0 ? queue.poll(waitNanos, TimeUnit.NANOSECONDS) : queue.poll();
            if (first == null) {
                return false;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - batch.size());
            if (lingerNanos > 0 && batch.size() < maxBatch) {
                long deadline = System.nanoTime() + lingerNanos;
                long left;
                while (batch.size() < maxBatch && (left = deadline - System.nanoTime()) > 0) {
                    Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, maxBatch - batch.size());
                }
            }
        } catch (InterruptedException e) {
            // nobody interrupts the writer; if something does, write what is taken and carry on
            Thread.interrupted();
        }
        batch.removeIf(p -> !p.state.compareAndSet(QUEUED, TAKEN));
        return !batch.isEmpty();
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private List<Pending> drain() {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }

    private static void failAll(List<Pending> batch, Throwable cause) {
        for (Pending p : batch) {
            p.written.completeExceptionally(cause);
        }
    }

    /** Fails the rows of a batch that were neither written nor refused; none, as a rule, so no exception is made. */
    private static void failUnanswered(List<Pending> batch) {
        if (batch.stream().anyMatch(p -> !p.written.isDone())) {
            failAll(batch, new IllegalStateException("the audit record was neither written nor refused"));
        }
    }

    /**
     * Writes {@code batch} and then, on the same connection with the same prepared insert, each batch that queued
     * meanwhile, until the queue is empty or the connection has been held for {@link #HOLD}: a busy writer
     * neither borrows a connection nor has its insert parsed again for every batch. A batch that fails on a
     * connection no longer good, or with anything but an SQL error, fails its rows and ends the period (rolled back
     * first, so that restoring auto-commit commits nothing of it); the next batch borrows a connection anew.
     */
    private void write(List<Pending> batch) {
        try {
            jdbc.execute((ConnectionCallback<Void>) con -> {
                long until = System.nanoTime() + holdNanos;
                boolean autoCommit = con.getAutoCommit();
                PreparedStatement kept = null;
                boolean ended = false;
                try {
                    do {
                        // counted before the insert completes the waiters, so a waiter that has returned sees its
                        // batch counted
                        batches.incrementAndGet();
                        rows.addAndGet(batch.size());
                        kept = insertBatch(con, kept, batch);
                        failUnanswered(batch);
                        batch.clear();
                    } while (System.nanoTime() - until < 0 && take(batch, 0));
                    ended = true;
                } finally {
                    close(kept);
                    if (!ended) {
                        // what a batch that failed midway inserted must not be committed by restoring auto-commit
                        rollback(con);
                    }
                    restore(con, autoCommit);
                }
                return null;
            });
        } catch (RuntimeException e) {
            failAll(batch, e);
        } catch (Error e) {
            failAll(batch, e);
            throw e;
        } finally {
            failUnanswered(batch);
            batch.clear();
        }
    }

    /** One row, committed on its own; only that row's request learns of a failure. */
    private void insertOne(Connection con, Pending p) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(INSERT)) {
            ps.setQueryTimeout(queryTimeoutSeconds());
            bind(ps, p.row);
            ps.executeUpdate();
            p.written.complete(null);
        } catch (SQLException e) {
            p.written.completeExceptionally(e);
            if (!con.isValid(1)) {
                throw e;
            }
        }
    }

    /**
     * Inserts a batch in one transaction with {@code kept}, or with a statement prepared now when it is null, and
     * returns the statement to keep for the next batch (null when it was closed). When the batch is refused and the
     * connection is still good, its rows are inserted one by one, so only a row the database refuses fails; when the
     * connection is not good, throws.
     */
    private PreparedStatement insertBatch(Connection con, PreparedStatement kept, List<Pending> batch)
            throws SQLException {
        PreparedStatement ps = kept;
        try {
            if (con.getAutoCommit()) {
                con.setAutoCommit(false);
            }
            if (ps == null) {
                ps = con.prepareStatement(INSERT);
                ps.setQueryTimeout(queryTimeoutSeconds());
            }
            for (Pending p : batch) {
                bind(ps, p.row);
                ps.addBatch();
            }
            ps.executeBatch();
            con.commit();
            for (Pending p : batch) {
                p.written.complete(null);
            }
            return ps;
        } catch (RuntimeException | Error e) {
            close(ps);
            throw e;
        } catch (SQLException e) {
            close(ps);
            rollback(con);
            if (!con.isValid(1)) {
                throw e;
            }
            if (batch.size() == 1) {
                batch.get(0).written.completeExceptionally(e);
                return null;
            }
            log.warn(
                    "An audit batch of {} rows was refused ({}); writing its rows one by one",
                    batch.size(),
                    e.getMessage());
            con.setAutoCommit(true);
            for (Pending p : batch) {
                insertOne(con, p);
            }
            return null;
        }
    }

    private static void close(PreparedStatement ps) {
        if (ps != null) {
            try {
                ps.close();
            } catch (SQLException e) {
                log.debug("Could not close an audit statement", e);
            }
        }
    }

    private static void restore(Connection con, boolean autoCommit) {
        try {
            if (con.getAutoCommit() != autoCommit) {
                con.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            log.debug("Could not restore auto-commit on an audit connection", e);
        }
    }

    private static void rollback(Connection con) {
        try {
            con.rollback();
        } catch (SQLException e) {
            log.debug("Rollback of a failed audit batch failed too", e);
        }
    }

    private int queryTimeoutSeconds() {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
    }

    private static void bind(PreparedStatement ps, Row r) throws SQLException {
        ps.setString(1, r.id());
        ps.setTimestamp(2, r.recordedAt());
        ps.setString(3, r.clientId());
        ps.setString(4, r.endpoint());
        ps.setString(5, r.kind());
        ps.setString(6, r.personPseudonym());
        ps.setString(7, r.documentId());
        ps.setString(8, r.outcome());
        ps.setString(9, r.ruleSetVersion());
        ps.setLong(10, r.latencyMicros());
        ps.setBytes(11, r.requestGz());
        ps.setBytes(12, r.responseGz());
        ps.setString(13, r.keyId());
    }
}
