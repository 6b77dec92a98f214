package dev.taskflow.panel.pipeline;

import java.util.List;

/**
 * A request to run part of a plan: name a phase, or tasks, or neither for the whole plan.
 *
 * @param plan  the plan's id
 * @param phase a phase id, e.g. {@code phase-1}
 * @param tasks task ids, e.g. {@code ["T007","T008"]}
 */
public record RunRequest(String plan, String phase, List<String> tasks) {

    public RunRequest {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
}
