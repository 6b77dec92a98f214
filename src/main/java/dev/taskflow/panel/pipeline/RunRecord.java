package dev.taskflow.panel.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run as stored in the workspace and served by the API: an immutable snapshot.
 *
 * @param id          sortable id, e.g. {@code run-20261122-011500-3fa2}
 * @param plan        the plan it ran
 * @param scope       what it covered
 * @param status      where it stands
 * @param createdAt   when it was asked for
 * @param startedAt   when it started
 * @param finishedAt  when it ended
 * @param results     a result per task in scope, in seed order
 * @param checkpoints the checkpoints evaluated during the run
 */
public record RunRecord(String id, String plan, RunScope scope, RunStatus status, Instant createdAt, Instant startedAt,
        Instant finishedAt, List<TaskResult> results, List<Checkpoint> checkpoints) {

    public RunRecord {
        results = List.copyOf(results);
        checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
    }

    public Optional<TaskResult> result(String taskId) {
        return results.stream().filter(result -> result.taskId().equals(taskId)).findFirst();
    }

    public long count(TaskStatus status) {
        return results.stream().filter(result -> result.status() == status).count();
    }

    public Long durationMs() {
        return startedAt == null || finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }

    RunRecord with(RunStatus newStatus, Instant newStartedAt, Instant newFinishedAt, List<TaskResult> newResults,
            List<Checkpoint> newCheckpoints) {
        return new RunRecord(id, plan, scope, newStatus, createdAt, newStartedAt, newFinishedAt, newResults, newCheckpoints);
    }
}
