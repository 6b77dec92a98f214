package dev.taskflow.panel.checks;

import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.TaskStatus;

/**
 * One check of the end-to-end suite against one target.
 *
 * @param id         the check id, e.g. {@code e2e-task-persist}
 * @param title      what it proves, in words
 * @param status     passed, failed or skipped
 * @param summary    one line; on failure what went wrong and what to look at
 * @param exchanges  every request it made, masked
 * @param values     what it measured (latencies, claims, statuses)
 * @param durationMs how long it took
 */
public record StepResult(String id, String title, TaskStatus status, String summary, List<Exchange> exchanges,
        Map<String, String> values, long durationMs) {

    public StepResult {
        exchanges = List.copyOf(exchanges);
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    public boolean passed() {
        return status == TaskStatus.PASSED;
    }
}
