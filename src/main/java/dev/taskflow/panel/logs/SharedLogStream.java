package dev.taskflow.panel.logs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.taskflow.panel.support.SecretMasker;

/**
 * One log stream shared by every browser that asks for the same thing: it numbers the lines, keeps the most recent
 * ones for browsers that reconnect, and fans each line out to the viewers' own bounded queues. Event ids are
 * {@code <epoch>-<sequence>}: a new stream (after the last viewer left, or a panel restart) has a new epoch, so a
 * browser holding an id from an old one is told to start over instead of being sent lines twice.
 */
final class SharedLogStream {

    private static final AtomicLong EPOCHS = new AtomicLong();

    private static final String PROCESS = Long.toString(System.currentTimeMillis(), 36);

    private final String epoch = PROCESS + Long.toString(EPOCHS.incrementAndGet(), 36);

    private final SecretMasker masker;

    private final int ringCapacity;

    private final int maxLineLength;

    private final ArrayDeque<LogLine> ring = new ArrayDeque<>();

    private final List<ViewerDelivery> viewers = new ArrayList<>();

    private long lastSequence;

    private LogLine ended;

    private boolean closed;

    SharedLogStream(SecretMasker masker, int ringCapacity, int maxLineLength) {
        this.masker = masker;
        this.ringCapacity = ringCapacity;
        this.maxLineLength = maxLineLength;
    }

    String epoch() {
        return epoch;
    }

    /** Adds a line (masked, numbered, kept) and queues it for every viewer. */
    void publish(LogLine.Kind kind, String pod, String container, Instant time, String text) {
        String cut = text.length() > maxLineLength ? text.substring(0, maxLineLength) + " …(cut)" : text;
        String masked = masker.mask(cut);
        synchronized (this) {
            if (closed || ended != null) {
                return;
            }
            LogLine line = new LogLine(++lastSequence, kind, pod, container, time, masked);
            ring.addLast(line);
            if (ring.size() > ringCapacity) {
                ring.removeFirst();
            }
            for (ViewerDelivery viewer : viewers) {
                viewer.offer(line);
            }
        }
    }

    /** Nothing more will come; viewers get what is queued, then this note, and their streams end. */
    synchronized void end(String text) {
        if (ended != null || closed) {
            return;
        }
        ended = new LogLine(++lastSequence, LogLine.Kind.END, "", "", null, text);
        viewers.forEach(viewer -> viewer.finish(ended));
    }

    synchronized boolean hasEnded() {
        return ended != null;
    }

    /**
     * Adds a viewer and returns what it must be sent first: the lines after the one it last saw (all kept lines
     * for a new browser), or a note and the kept lines when it cannot resume exactly.
     */
    synchronized List<LogLine> join(ViewerDelivery viewer, String lastEventId) {
        List<LogLine> replay = new ArrayList<>();
        long after = 0;
        Resume resume = Resume.parse(lastEventId);
        if (resume != null && resume.epoch().equals(epoch) && resume.sequence() <= lastSequence) {
            long firstKept = ring.isEmpty() ? lastSequence + 1 : ring.peekFirst().id();
            after = resume.sequence();
            if (after < firstKept - 1) {
                long missed = firstKept - 1 - after;
                replay.add(LogLine.note(LogLine.Kind.DROPPED, "", "", missed + (missed == 1 ? " line" : " lines")
                        + " dropped: no longer held for resuming"));
            }
        }
        else if (resume != null) {
            replay.add(LogLine.note(LogLine.Kind.RESET, "", "", "The stream started over on the server; showing "
                    + "its recent lines again"));
        }
        for (LogLine line : ring) {
            if (line.id() > after) {
                replay.add(line);
            }
        }
        if (ended != null) {
            viewer.finish(ended);
        }
        viewers.add(viewer);
        return replay;
    }

    /** Removes the viewer; returns how many are left. */
    synchronized int leave(ViewerDelivery viewer) {
        viewers.remove(viewer);
        return viewers.size();
    }

    synchronized void close() {
        closed = true;
        viewers.clear();
        ring.clear();
    }

    /** Where a reconnecting browser stopped: {@code <epoch>-<sequence>}. */
    record Resume(String epoch, long sequence) {

        static Resume parse(String lastEventId) {
            if (lastEventId == null || lastEventId.isBlank()) {
                return null;
            }
            int dash = lastEventId.strip().lastIndexOf('-');
            if (dash <= 0) {
                return new Resume("", 0);
            }
            try {
                return new Resume(lastEventId.strip().substring(0, dash),
                        Long.parseLong(lastEventId.strip().substring(dash + 1)));
            }
            catch (NumberFormatException ex) {
                return new Resume("", 0);
            }
        }
    }
}
