package dev.taskflow.panel.checks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run of the end-to-end suite against one target.
 *
 * @param id         the report's id
 * @param target     the target's name
 * @param backendUrl the backend it ran against
 * @param startedAt  when it started
 * @param finishedAt when it ended, or {@code null} while it runs
 * @param steps      the checks finished so far, in suite order
 */
public record SuiteReport(String id, String target, String backendUrl, Instant startedAt, Instant finishedAt,
        List<StepResult> steps) {

    public SuiteReport {
        steps = List.copyOf(steps);
    }

    public boolean finished() {
        return finishedAt != null;
    }

    public long passed() {
        return steps.stream().filter(StepResult::passed).count();
    }

    public long failed() {
        return steps.stream().filter(step -> step.status() == dev.taskflow.panel.pipeline.TaskStatus.FAILED).count();
    }

    public Optional<StepResult> step(String id) {
        return steps.stream().filter(step -> step.id().equals(id)).findFirst();
    }

    public Long durationMs() {
        return finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}
