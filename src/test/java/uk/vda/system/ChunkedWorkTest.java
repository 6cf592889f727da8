package uk.vda.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The machinery batches and rosters are answered with: every chunk is recorded before any of it is sent, items go
 * out once each and in order, and when the record cannot be written or the client has gone, nothing more is sent
 * and no worker goes on.
 */
class ChunkedWorkTest {
    private final ChunkedWork chunks = new ChunkedWork(new BatchProperties(2, Duration.ofMillis(20), 1));

    @AfterEach
    void stop() {
        chunks.destroy();
    }

    /** A job whose answers are the items' indexes; it notes what it recorded and sent, in the order it happened. */
    private static class Numbers implements ChunkedWork.Job<Integer> {
        final int size;
        final List<String> events = new ArrayList<>();
        final Set<String> recorded = ConcurrentHashMap.newKeySet();
        final List<Integer> sent = new ArrayList<>();
        final AtomicInteger answered = new AtomicInteger();
        /** Items answered and sent when {@link #finished()} was called; -1: not called. */
        int answeredWhenFinished = -1;

        int sentWhenFinished = -1;
        boolean ended;

        Numbers(int size) {
            this.size = size;
        }

        @Override
        public String kind() {
            return "Test";
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Integer answer(int i) {
            answered.incrementAndGet();
            sleep(1);
            return i;
        }

        @Override
        public void record(ChunkedWork.Chunk<Integer> chunk) {
            events.add("record " + chunk.id() + " " + chunk.first() + "-" + chunk.end());
            recorded.add(chunk.id());
        }

        @Override
        public void send(ChunkedWork.Chunk<Integer> chunk) throws IOException {
            assertThat(recorded).as("recorded before it is sent").contains(chunk.id());
            events.add("send " + chunk.id() + " " + chunk.first() + "-" + chunk.end());
            sent.addAll(chunk.answers());
        }

        @Override
        public void finished() {
            assertThat(ended).as("finished before the end is written").isFalse();
            answeredWhenFinished = answered.get();
            sentWhenFinished = sent.size();
        }

        @Override
        public void end() {
            ended = true;
        }
    }

    @Test
    void shouldRecordEveryChunkBeforeSendingItAndSendEveryItemOnceInOrder() throws IOException {
        Numbers job = new Numbers(300);

        ChunkedWork.Outcome outcome = chunks.run(job);

        assertThat(outcome).isEqualTo(new ChunkedWork.Outcome(300, false));
        assertThat(job.sent).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(job.sent.get(i)).isEqualTo(i);
        }
        assertThat(job.ended).isTrue();
        assertThat(job.answeredWhenFinished)
                .as("finished once every item is worked out and sent, before the end")
                .isEqualTo(300);
        assertThat(job.sentWhenFinished).isEqualTo(300);
        assertThat(job.events).hasSizeGreaterThan(2);
        assertThat(job.events.get(0)).startsWith("record ").endsWith(" 0-" + ChunkedWork.FIRST_CHUNK);
        for (int e = 0; e < job.events.size(); e += 2) {
            String record = job.events.get(e);
            assertThat(record).startsWith("record ");
            assertThat(job.events.get(e + 1)).isEqualTo("send " + record.substring("record ".length()));
        }
    }

    @Test
    void shouldSendNothingOfAChunkWhoseRecordCannotBeWrittenAndStopTheWorkers() throws Exception {
        Numbers job = new Numbers(5_000) {
            @Override
            public void record(ChunkedWork.Chunk<Integer> chunk) {
                if (chunk.first() > 0) {
                    throw new IllegalStateException("the decision log cannot be written");
                }
                super.record(chunk);
            }
        };

        assertThatThrownBy(() -> chunks.run(job))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the decision log cannot be written");

        assertThat(job.sent).hasSize(ChunkedWork.FIRST_CHUNK);
        assertThat(job.answeredWhenFinished).as("not finished").isEqualTo(-1);
        assertThat(job.ended).isFalse();
        int answered = job.answered.get();
        Thread.sleep(100);
        assertThat(job.answered.get())
                .as("no worker goes on")
                .isEqualTo(answered)
                .isLessThan(5_000);
    }

    @Test
    void shouldStopWhenTheClientHasGoneAndSayHowMuchWasSent() throws Exception {
        Numbers job = new Numbers(5_000) {
            @Override
            public void send(ChunkedWork.Chunk<Integer> chunk) throws IOException {
                if (chunk.first() > 0) {
                    throw new IOException("Connection reset by peer");
                }
                super.send(chunk);
            }
        };

        ChunkedWork.Outcome outcome = chunks.run(job);

        assertThat(outcome).isEqualTo(new ChunkedWork.Outcome(ChunkedWork.FIRST_CHUNK, true));
        assertThat(job.answeredWhenFinished).as("not finished").isEqualTo(-1);
        assertThat(job.ended).isFalse();
        int answered = job.answered.get();
        Thread.sleep(100);
        assertThat(job.answered.get())
                .as("no worker goes on")
                .isEqualTo(answered)
                .isLessThan(5_000);
    }

    @Test
    void shouldRefuseBeforeAnythingIsSentWhenTheFirstChunkFails() {
        Numbers job = new Numbers(10) {
            @Override
            public Integer answer(int i) {
                if (i == 3) {
                    throw new IllegalArgumentException("no rule covers item 3");
                }
                return super.answer(i);
            }
        };

        assertThatThrownBy(() -> chunks.run(job))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no rule covers item 3");
        assertThat(job.events).isEmpty();
    }

    @Test
    void shouldRefuseOneMoreThanTheStreamsAllowedWhileAClientReadsSlowlyAndTakeItAgainAfter() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        Numbers slow = new Numbers(10) {
            @Override
            public void send(ChunkedWork.Chunk<Integer> chunk) throws IOException {
                sending.countDown();
                try {
                    read.await(); // a client that does not read: the write blocks
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.send(chunk);
            }
        };
        Future<ChunkedWork.Outcome> first = Executors.newSingleThreadExecutor().submit(() -> chunks.run(slow));
        assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

        Numbers another = new Numbers(10);
        assertThatThrownBy(() -> chunks.run(another)).isInstanceOfSatisfying(ChunkedWork.BusyException.class, busy -> {
            assertThat(busy.getStatusCode().value()).isEqualTo(503);
            assertThat(busy.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(busy.getBody().getType().toString()).isEqualTo("urn:vda:problem:busy");
            assertThat(busy.getBody().getTitle()).isEqualTo("Too many batches and rosters at once");
            assertThat(busy.getBody().getDetail())
                    .isEqualTo("Test not started: 1 batches and rosters are being answered already, the most"
                            + " at once. Nothing was worked out or recorded; try again shortly.");
            assertThat(busy.getBody().getProperties()).containsEntry("limit", 1);
        });
        assertThat(another.events).isEmpty();
        assertThat(another.answered.get()).isZero();

        read.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).sent()).isEqualTo(10);
        assertThat(chunks.run(another).sent()).isEqualTo(10);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
