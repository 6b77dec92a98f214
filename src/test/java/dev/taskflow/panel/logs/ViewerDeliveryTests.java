package dev.taskflow.panel.logs;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ViewerDeliveryTests {

    final AtomicInteger active = new AtomicInteger();

    @Test
    void aSlowBrowserNeverHoldsUpTheReaderAndIsToldHowManyLinesItMissedWhereItMissedThem() throws Exception {
        BlockingSink sink = new BlockingSink();
        ViewerDelivery delivery = new ViewerDelivery(sink, 10, Duration.ofMinutes(1), active);
        delivery.start(List.of());
        delivery.offer(line(1));
        assertThat(sink.entered.await(5, TimeUnit.SECONDS)).isTrue();

        // the browser is stuck in its first write: every further line is queued or dropped, never waited for
        long started = System.nanoTime();
        for (int i = 2; i <= 102; i++) {
            delivery.offer(line(i));
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(sink.release.getCount()).isEqualTo(1);
        sink.release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.texts().contains("line 11"));
        delivery.offer(line(103));
        delivery.finish(LogLine.note(LogLine.Kind.END, "", "", "done"));
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.completed.get());

        assertThat(tookMillis).isLessThan(1000);
        assertThat(sink.texts()).containsExactly("line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7",
                "line 8", "line 9", "line 10", "line 11", "91 lines dropped: this browser could not keep up",
                "line 103", "done");
        assertThat(sink.received).extracting(LogLine::kind).contains(LogLine.Kind.DROPPED);
        await().atMost(Duration.ofSeconds(5)).until(() -> active.get() == 0);
    }

    @Test
    void replayedLinesGoOutFirstAndAreNotCountedAgainstTheBuffer() {
        BlockingSink sink = new BlockingSink();
        sink.release.countDown();
        ViewerDelivery delivery = new ViewerDelivery(sink, 10, Duration.ofMinutes(1), active);
        List<LogLine> replay = java.util.stream.IntStream.rangeClosed(1, 1500).mapToObj(ViewerDeliveryTests::line)
                .toList();

        delivery.start(replay);
        delivery.offer(line(1501));

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.texts().size() == 1501);
        assertThat(sink.texts().getFirst()).isEqualTo("line 1");
        assertThat(sink.texts().getLast()).isEqualTo("line 1501");
        assertThat(sink.texts()).doesNotHaveDuplicates();
        delivery.close();
    }

    @Test
    void anIdleBrowserGetsHeartbeatsAndOneThatIsGoneIsLetGoOnce() {
        AtomicInteger heartbeats = new AtomicInteger();
        AtomicInteger gone = new AtomicInteger();
        AtomicBoolean broken = new AtomicBoolean();
        ViewerDelivery.Sink sink = new ViewerDelivery.Sink() {
            @Override
            public void send(List<LogLine> events) {
            }

            @Override
            public void heartbeat() throws IOException {
                heartbeats.incrementAndGet();
                if (broken.get()) {
                    throw new IOException("Broken pipe");
                }
            }

            @Override
            public void complete() {
            }
        };
        ViewerDelivery delivery = new ViewerDelivery(sink, 10, Duration.ofMillis(20), active);
        delivery.onGone(gone::incrementAndGet);
        delivery.start(List.of());

        await().atMost(Duration.ofSeconds(5)).until(() -> heartbeats.get() >= 3);
        broken.set(true);

        await().atMost(Duration.ofSeconds(5)).until(() -> active.get() == 0);
        assertThat(gone.get()).isEqualTo(1);
    }

    @Test
    void closingStopsTheSenderAtOnce() {
        BlockingSink sink = new BlockingSink();
        sink.release.countDown();
        ViewerDelivery delivery = new ViewerDelivery(sink, 10, Duration.ofMinutes(10), active);
        delivery.start(List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> active.get() == 1);

        delivery.close();
        delivery.offer(line(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> active.get() == 0);
        assertThat(sink.received).isEmpty();
        assertThat(sink.completed).isFalse();
    }

    private static LogLine line(int number) {
        return new LogLine(number, LogLine.Kind.LINE, "api-1", "backend", null, "line " + number);
    }

    /** A browser whose first write hangs until released. */
    static final class BlockingSink implements ViewerDelivery.Sink {

        final CountDownLatch entered = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        final List<LogLine> received = new CopyOnWriteArrayList<>();

        final AtomicBoolean completed = new AtomicBoolean();

        @Override
        public void send(List<LogLine> events) throws IOException {
            entered.countDown();
            try {
                release.await();
            }
            catch (InterruptedException ex) {
                throw new IOException(ex);
            }
            received.addAll(events);
        }

        @Override
        public void heartbeat() {
        }

        @Override
        public void complete() {
            completed.set(true);
        }

        List<String> texts() {
            return received.stream().map(LogLine::text).toList();
        }
    }
}
