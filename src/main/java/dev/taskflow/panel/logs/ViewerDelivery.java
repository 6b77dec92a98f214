package dev.taskflow.panel.logs;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands one browser its events on a virtual thread of its own, through a bounded queue: the log reader only ever
 * queues, so a slow browser never holds it up. When the queue is full, newer lines are dropped and counted, and the
 * browser is told how many it missed at the place they went missing.
 */
final class ViewerDelivery {

    /** Where events go: the browser's connection. Each call may block as long as the browser takes. */
    interface Sink {

        void send(List<LogLine> events) throws IOException;

        /** Says nothing, but fails when the browser has gone away. */
        void heartbeat() throws IOException;

        /** Nothing more will be sent. */
        void complete();
    }

    /** At most this many events go out in one write. */
    static final int BATCH = 512;

    private final Sink sink;

    private final int capacity;

    private final long heartbeatNanos;

    private final AtomicInteger active;

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition ready = lock.newCondition();

    private final ArrayDeque<LogLine> queue = new ArrayDeque<>();

    private List<LogLine> replay = List.of();

    private long dropped;

    private LogLine ending;

    private boolean closed;

    private Runnable onGone = () -> { };

    ViewerDelivery(Sink sink, int capacity, Duration heartbeat, AtomicInteger active) {
        this.sink = sink;
        this.capacity = capacity;
        this.heartbeatNanos = heartbeat.toNanos();
        this.active = active;
    }

    /** Runs once when the browser turns out to be gone (a failed write). */
    void onGone(Runnable action) {
        this.onGone = action;
    }

    /** Starts sending: first the replayed lines (already held, so not bounded again), then whatever is queued. */
    void start(List<LogLine> replayed) {
        this.replay = replayed;
        active.incrementAndGet();
        Thread.ofVirtual().name("log-viewer").start(this::deliver);
    }

    /** Queues an event without waiting; drops (and counts) it when this browser is too far behind. */
    void offer(LogLine line) {
        lock.lock();
        try {
            if (closed || ending != null) {
                return;
            }
            if (queue.size() >= capacity) {
                dropped++;
                return;
            }
            if (dropped > 0) {
                queue.add(droppedNote(dropped));
                dropped = 0;
            }
            queue.add(line);
            ready.signal();
        }
        finally {
            lock.unlock();
        }
    }

    /** Sends what is queued, then this last event, then ends the browser's stream. */
    void finish(LogLine last) {
        lock.lock();
        try {
            if (ending == null) {
                ending = last;
                ready.signal();
            }
        }
        finally {
            lock.unlock();
        }
    }

    /** Stops at once; what is queued is discarded (the browser is gone). */
    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            ready.signal();
        }
        finally {
            lock.unlock();
        }
    }

    private void deliver() {
        try {
            for (int from = 0; from < replay.size(); from += BATCH) {
                if (isClosed()) {
                    return;
                }
                sink.send(replay.subList(from, Math.min(replay.size(), from + BATCH)));
            }
            replay = List.of();
            while (true) {
                List<LogLine> batch = new ArrayList<>();
                boolean last = next(batch);
                if (isClosed()) {
                    return;
                }
                if (batch.isEmpty()) {
                    sink.heartbeat();
                }
                else {
                    sink.send(batch);
                }
                if (last) {
                    sink.complete();
                    return;
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            close();
            onGone.run();
        }
        catch (InterruptedException ex) {
            close();
        }
        finally {
            active.decrementAndGet();
        }
    }

    /** Fills the batch (empty after a quiet heartbeat period); true when it holds the last event. */
    private boolean next(List<LogLine> batch) throws InterruptedException {
        lock.lock();
        try {
            long wait = heartbeatNanos;
            while (queue.isEmpty() && ending == null && !closed && wait > 0) {
                wait = ready.awaitNanos(wait);
            }
            while (!queue.isEmpty() && batch.size() < BATCH) {
                batch.add(queue.poll());
            }
            if (queue.isEmpty() && ending != null && !closed) {
                if (dropped > 0) {
                    batch.add(droppedNote(dropped));
                    dropped = 0;
                }
                batch.add(ending);
                return true;
            }
            return false;
        }
        finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        }
        finally {
            lock.unlock();
        }
    }

    private static LogLine droppedNote(long count) {
        return LogLine.note(LogLine.Kind.DROPPED, "", "", count + (count == 1 ? " line" : " lines")
                + " dropped: this browser could not keep up");
    }
}
