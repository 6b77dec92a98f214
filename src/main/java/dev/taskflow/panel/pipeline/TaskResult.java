package dev.taskflow.panel.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A task's result within one run.
 *
 * @param taskId     the task
 * @param phaseId    the phase it belongs to
 * @param status     where it stands
 * @param startedAt  when it started, if it did
 * @param finishedAt when it finished, if it did
 * @param durationMs how long it took
 * @param summary    one line for people
 * @param evidence   the proof it left
 */
public record TaskResult(String taskId, String phaseId, TaskStatus status, Instant startedAt, Instant finishedAt,
        Long durationMs, String summary, List<Evidence> evidence) {

    public TaskResult {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    static TaskResult queued(String taskId, String phaseId) {
        return new TaskResult(taskId, phaseId, TaskStatus.QUEUED, null, null, null, null, List.of());
    }

    TaskResult started(Instant at) {
        return new TaskResult(taskId, phaseId, TaskStatus.RUNNING, at, null, null, null, List.of());
    }

    TaskResult finished(TaskStatus finalStatus, String finalSummary, List<Evidence> finalEvidence, Instant at) {
        Instant start = startedAt != null ? startedAt : at;
        return new TaskResult(taskId, phaseId, finalStatus, start, at, Duration.between(start, at).toMillis(),
                finalSummary, finalEvidence);
    }

    /** The duration as people read it: 850 ms, 4.2 s, 2 min 5 s. */
    public String durationText() {
        if (durationMs == null) {
            return "";
        }
        if (durationMs < 1000) {
            return durationMs + " ms";
        }
        if (durationMs < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", durationMs / 1000.0);
        }
        return (durationMs / 60_000) + " min " + (durationMs % 60_000) / 1000 + " s";
    }
}
