package dev.taskflow.panel.pipeline;

import java.util.List;

/**
 * What a check concluded: its verdict, one line for people, and the evidence behind it.
 *
 * @param status   passed or failed (a check may also say skipped when there is nothing to do)
 * @param summary  one line; on failure it says what to do about it
 * @param evidence what was run, requested and measured
 */
public record TaskOutcome(TaskStatus status, String summary, List<Evidence> evidence) {

    public TaskOutcome {
        evidence = List.copyOf(evidence);
    }

    public static TaskOutcome passed(String summary, Evidence... evidence) {
        return new TaskOutcome(TaskStatus.PASSED, summary, List.of(evidence));
    }

    public static TaskOutcome failed(String summary, Evidence... evidence) {
        return new TaskOutcome(TaskStatus.FAILED, summary, List.of(evidence));
    }

    public static TaskOutcome of(boolean passed, String summary, List<Evidence> evidence) {
        return new TaskOutcome(passed ? TaskStatus.PASSED : TaskStatus.FAILED, summary, evidence);
    }
}
