package dev.taskflow.panel.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A run while this process holds it: its current snapshot, the events it produced (so a late or reconnecting viewer
 * can catch up), its viewers, and the cancellation flag. Every change happens under this object's lock and is handed
 * to viewers in order, so no viewer sees events out of sequence.
 */
final class LiveRun {

    /** Progress lines kept per task for viewers who arrive late; older lines were already shown live. */
    private static final int PROGRESS_LINES_KEPT = 500;

    private RunRecord record;

    private long sequence;

    private final List<RunEvent> events = new ArrayList<>();

    private final Map<String, Integer> progressLines = new HashMap<>();

    private final List<Consumer<RunEvent>> viewers = new ArrayList<>();

    private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();

    private volatile boolean cancelRequested;

    LiveRun(RunRecord record) {
        this.record = record;
    }

    synchronized RunRecord snapshot() {
        return record;
    }

    String id() {
        return record.id();
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void requestCancel() {
        cancelRequested = true;
        inFlight.forEach(future -> future.cancel(true));
    }

    void track(Future<?> future) {
        inFlight.add(future);
    }

    void untrack(Future<?> future) {
        inFlight.remove(future);
    }

    synchronized RunRecord changeStatus(RunStatus status, Instant startedAt, Instant finishedAt) {
        record = record.with(status, startedAt, finishedAt, record.results(), record.checkpoints());
        emit(status.finished() ? new RunEvent.RunEnded(id(), ++sequence, record)
                : new RunEvent.RunUpdated(id(), ++sequence, record));
        return record;
    }

    synchronized RunRecord updateTask(TaskResult result) {
        List<TaskResult> results = new ArrayList<>(record.results());
        results.replaceAll(existing -> existing.taskId().equals(result.taskId()) ? result : existing);
        record = record.with(record.status(), record.startedAt(), record.finishedAt(), results, record.checkpoints());
        emit(new RunEvent.TaskUpdated(id(), ++sequence, result));
        return record;
    }

    synchronized TaskResult result(String taskId) {
        return record.result(taskId).orElseThrow();
    }

    synchronized void progress(String taskId, String line) {
        RunEvent event = new RunEvent.TaskProgress(id(), ++sequence, taskId, line);
        int kept = progressLines.merge(taskId, 1, Integer::sum);
        if (kept <= PROGRESS_LINES_KEPT) {
            events.add(event);
        }
        deliver(event);
    }

    synchronized RunRecord addCheckpoint(Checkpoint checkpoint) {
        List<Checkpoint> checkpoints = new ArrayList<>(record.checkpoints());
        checkpoints.add(checkpoint);
        record = record.with(record.status(), record.startedAt(), record.finishedAt(), record.results(), checkpoints);
        emit(new RunEvent.CheckpointEvaluated(id(), ++sequence, checkpoint));
        return record;
    }

    /**
     * Hands the viewer every event after {@code lastSeen}, then every new one as it happens.
     * @return {@code false} when the run has already ended and nothing more will come
     */
    synchronized boolean subscribe(long lastSeen, Consumer<RunEvent> viewer) {
        try {
            for (RunEvent event : events) {
                if (event.sequence() > lastSeen) {
                    viewer.accept(event);
                }
            }
        }
        catch (RuntimeException ex) {
            // The viewer left while catching up: nothing more to send it.
            return false;
        }
        if (record.status().finished()) {
            return false;
        }
        viewers.add(viewer);
        return true;
    }

    synchronized void unsubscribe(Consumer<RunEvent> viewer) {
        viewers.remove(viewer);
    }

    private void emit(RunEvent event) {
        events.add(event);
        deliver(event);
        if (event instanceof RunEvent.RunEnded) {
            viewers.clear();
        }
    }

    private void deliver(RunEvent event) {
        for (Consumer<RunEvent> viewer : List.copyOf(viewers)) {
            try {
                viewer.accept(event);
            }
            catch (RuntimeException ex) {
                // A viewer that cannot take events (its browser left) is dropped; the run goes on.
                viewers.remove(viewer);
            }
        }
    }
}
