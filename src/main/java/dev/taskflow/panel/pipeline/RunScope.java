package dev.taskflow.panel.pipeline;

import java.util.List;

/**
 * What a run covers: a whole plan, one phase, or named tasks.
 *
 * @param phase the phase, when the run covers one phase
 * @param tasks the tasks, when the run covers named tasks
 */
public record RunScope(String phase, List<String> tasks) {

    public RunScope {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    public static RunScope wholePlan() {
        return new RunScope(null, List.of());
    }

    public static RunScope phase(String phaseId) {
        return new RunScope(phaseId, List.of());
    }

    public static RunScope tasks(List<String> taskIds) {
        return new RunScope(null, taskIds);
    }

    public String describe() {
        if (phase != null) {
            return "phase " + phase;
        }
        if (!tasks.isEmpty()) {
            return (tasks.size() == 1 ? "task " : "tasks ") + String.join(", ", tasks);
        }
        return "whole plan";
    }
}
