package uk.vda.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * Group commit of audit records: many threads at once each get their own record committed exactly once, a
 * failure reaches every request whose record it concerns (and only those), and a closed writer takes nothing.
 * Run against H2 and, where one answers, PostgreSQL (see {@link PersistenceTest}).
 */
class AuditWriterTest {
    private static final Timestamp AT = Timestamp.from(Instant.parse("2026-11-28T12:00:00Z"));

    static Stream<String> databases() {
        return PersistenceTest.databases();
    }

    private static AuditWriter.Row row(String id) {
        return new AuditWriter.Row(
                id,
                AT,
                "client",
                "key-1",
                "/api/v1/decisions",
                "DECISION",
                "p-1",
                "doc-1",
                "DENY",
                "v1",
                7,
                new byte[] {1, 2},
                new byte[] {3});
    }

    /** Runs each task on its own thread, all released together; returns each task's outcome in order. */
    private static List<Throwable> together(List<Callable<Void>> tasks) throws Exception {
        CyclicBarrier start = new CyclicBarrier(tasks.size());
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            List<Throwable> outcomes = new ArrayList<>();
            for (Future<Void> f : futures) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                    outcomes.add(null);
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldCommitEveryRecordOfManyConcurrentWritersExactlyOnce(String database) throws Exception {
        JdbcTemplate jdbc = PersistenceTest.migrated(database);
        int threads = 32;
        int each = 50;
        try (AuditWriter writer = new AuditWriter(jdbc, 16, Duration.ofMillis(1), Duration.ofSeconds(30))) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < each; i++) {
                        writer.write(row("t" + thread + "-" + i));
                        // the record is committed when write returns: another connection sees it at once
                        assertThat(jdbc.queryForObject(
                                        "select count(*) from audit_record where id = ?",
                                        Long.class,
                                        "t" + thread + "-" + i))
                                .isEqualTo(1);
                    }
                    return null;
                });
            }
            assertThat(together(tasks)).containsOnlyNulls().hasSize(threads);
            assertThat(writer.rows()).isEqualTo(threads * each);
            assertThat(writer.batches()).isBetween(1L, (long) threads * each);
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_record", Long.class))
                .isEqualTo(threads * each);
        assertThat(jdbc.queryForObject("select count(distinct id) from audit_record", Long.class))
                .isEqualTo(threads * each);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_record where client_id = 'client' and kind = 'DECISION'"
                                + " and outcome = 'DENY' and latency_micros = 7",
                        Long.class))
                .isEqualTo(threads * each);
    }

    @Test
    void shouldWriteRecordsArrivingTogetherAsOneBatch() throws Exception {
        JdbcTemplate jdbc = PersistenceTest.migrated("h2");
        int threads = 8;
        // the writer waits for a full batch (the linger is far longer than eight threads take to arrive)
        try (AuditWriter writer = new AuditWriter(jdbc, threads, Duration.ofSeconds(30), Duration.ofSeconds(60))) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String id = "together-" + t;
                tasks.add(() -> {
                    writer.write(row(id));
                    return null;
                });
            }
            assertThat(together(tasks)).containsOnlyNulls().hasSize(threads);
            assertThat(writer.batches()).isEqualTo(1);
            assertThat(writer.rows()).isEqualTo(threads);
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_record", Long.class))
                .isEqualTo(threads);
    }

    @Test
    void shouldGiveEveryWaiterTheFailureWhenTheDatabaseIsAway() throws Exception {
        JdbcTemplate away = new JdbcTemplate(new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                throw new SQLException("database away");
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                throw new SQLException("database away");
            }
        });
        int threads = 16;
        try (AuditWriter writer = new AuditWriter(away, 4, Duration.ofMillis(1), Duration.ofSeconds(30))) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String id = "lost-" + t;
                tasks.add(() -> {
                    writer.write(row(id));
                    return null;
                });
            }
            List<Throwable> outcomes = together(tasks);
            assertThat(outcomes)
                    .hasSize(threads)
                    .allSatisfy(e -> assertThat(e)
                            .isInstanceOf(AuditUnavailableException.class)
                            .hasRootCauseMessage("database away"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldGiveEveryWaiterTheFailureWhenTheTableRefusesEveryRow(String database) throws Exception {
        JdbcTemplate jdbc = PersistenceTest.migrated(database);
        jdbc.execute("drop table audit_record");
        int threads = 16;
        try (AuditWriter writer = new AuditWriter(jdbc, 8, Duration.ofMillis(5), Duration.ofSeconds(30))) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String id = "refused-" + t;
                tasks.add(() -> {
                    writer.write(row(id));
                    return null;
                });
            }
            assertThat(together(tasks))
                    .hasSize(threads)
                    .allSatisfy(e -> assertThat(e).isInstanceOf(AuditUnavailableException.class));
            assertThat(writer.rows()).isEqualTo(threads);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldFailOnlyTheRecordTheDatabaseRefusesWhenItSharesABatch(String database) throws Exception {
        JdbcTemplate jdbc = PersistenceTest.migrated(database);
        jdbc.update(
                AuditWriter.INSERT,
                "taken",
                AT,
                "c",
                "/e",
                "DECISION",
                null,
                null,
                null,
                null,
                0,
                new byte[0],
                new byte[0],
                null);
        int threads = 8;
        try (AuditWriter writer = new AuditWriter(jdbc, threads, Duration.ofSeconds(30), Duration.ofSeconds(60))) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String id = t == 3 ? "taken" : "fine-" + t;
                tasks.add(() -> {
                    writer.write(row(id));
                    return null;
                });
            }
            List<Throwable> outcomes = together(tasks);
            for (int t = 0; t < threads; t++) {
                if (t == 3) {
                    assertThat(outcomes.get(t)).as("the duplicate id").isInstanceOf(AuditUnavailableException.class);
                } else {
                    assertThat(outcomes.get(t)).as("record " + t).isNull();
                }
            }
        }
        assertThat(jdbc.queryForList("select id from audit_record order by id", String.class))
                .containsExactly("fine-0", "fine-1", "fine-2", "fine-4", "fine-5", "fine-6", "fine-7", "taken");
        assertThat(jdbc.queryForObject("select client_id from audit_record where id = 'taken'", String.class))
                .isEqualTo("c");
    }

    /**
     * Rows that queue while a batch is written go in the next batches on the same connection with the same prepared
     * insert; a batch the database refuses is written row by row and the next one prepares the insert again, still
     * on that connection.
     */
    @Test
    void shouldWriteWhatQueuedMeanwhileOnTheSameConnectionAndStatement() throws Exception {
        DataSource database = PersistenceTest.migrated("h2").getDataSource();
        AtomicInteger borrowed = new AtomicInteger();
        AtomicInteger prepared = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DataSource counted = new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                borrowed.incrementAndGet();
                return wrap(Connection.class, database.getConnection(), (target, method, args) -> {
                    Object result = method.invoke(target, args);
                    if (method.getName().equals("prepareStatement")) {
                        prepared.incrementAndGet();
                        return wrap(PreparedStatement.class, (PreparedStatement) result, (ps, m, a) -> {
                            if (m.getName().startsWith("execute") && writing.getCount() > 0) {
                                writing.countDown(); // the first row waits until the others have queued
                                release.await(30, TimeUnit.SECONDS);
                            }
                            if (m.getName().equals("close")) {
                                closed.incrementAndGet();
                            }
                            return m.invoke(ps, a);
                        });
                    }
                    return result;
                });
            }

            @Override
            public Connection getConnection(String username, String password) {
                throw new UnsupportedOperationException();
            }
        };
        ExecutorService pool = Executors.newCachedThreadPool();
        try (AuditWriter writer = new AuditWriter(
                new JdbcTemplate(counted), 4, Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(60))) {
            List<Future<?>> writes = new ArrayList<>();
            writes.add(pool.submit(() -> writer.write(row("r00"))));
            assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
            // queued in this order: r01 to r04, then r05, the refused copy of r00, r06 and r07, then r08 to r11
            List<String> queued =
                    List.of("r01", "r02", "r03", "r04", "r05", "r00", "r06", "r07", "r08", "r09", "r10", "r11");
            for (String id : queued) {
                int before = writer.queued();
                writes.add(pool.submit(() -> writer.write(row(id))));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (writer.queued() == before) {
                    assertThat(System.nanoTime() - deadline).as(id + " queued").isNegative();
                    Thread.onSpinWait();
                }
            }
            release.countDown();
            List<Throwable> outcomes = new ArrayList<>();
            for (Future<?> w : writes) {
                try {
                    w.get(60, TimeUnit.SECONDS);
                    outcomes.add(null);
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }

            assertThat(outcomes.get(6)).as("the copy of r00").isInstanceOf(AuditUnavailableException.class);
            outcomes.remove(6);
            assertThat(outcomes).containsOnlyNulls();
            assertThat(writer.batches()).isEqualTo(4);
            assertThat(writer.rows()).isEqualTo(13);
        } finally {
            pool.shutdownNow();
        }
        assertThat(borrowed).hasValue(1);
        // one for the first three batches (closed when the third was refused), one for each of that batch's rows
        // written alone, and one for the last batch
        assertThat(prepared).hasValue(1 + 4 + 1);
        assertThat(closed).as("statements closed").hasValue(prepared.get());
        assertThat(new JdbcTemplate(database).queryForList("select id from audit_record order by id", String.class))
                .containsExactly("r00", "r01", "r02", "r03", "r04", "r05", "r06", "r07", "r08", "r09", "r10", "r11");
    }

    @SuppressWarnings("unchecked")
    private static <T> T wrap(Class<T> type, T target, Around around) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return around.invoke(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private interface Around {
        Object invoke(Object target, Method method, Object[] args) throws Exception;
    }

    @Test
    void shouldRefuseRecordsOnceClosed() {
        JdbcTemplate jdbc = PersistenceTest.migrated("h2");
        AuditWriter writer = new AuditWriter(jdbc, 16, Duration.ZERO, Duration.ofSeconds(30));
        writer.write(row("before"));
        writer.close();

        assertThatThrownBy(() -> writer.write(row("after")))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessageContaining("closed");
        assertThat(jdbc.queryForList("select id from audit_record", String.class))
                .containsExactly("before");
    }

    @Test
    void shouldRefuseSettingsThatCannotWork() {
        JdbcTemplate jdbc = PersistenceTest.migrated("h2");
        assertThatThrownBy(() -> new AuditWriter(jdbc, 0, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch-size");
        assertThatThrownBy(() -> new AuditWriter(jdbc, 1, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write-timeout");
    }
}
