package dev.taskflow.panel.pipeline;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What a check gets to work with.
 *
 * @param plan       the plan being run
 * @param task       the task the check serves
 * @param parameters the task's parameters for the check
 * @param progress   where to send output lines as they happen (they stream to the browser)
 * @param cancelled  whether the person cancelled the run
 */
public record CheckContext(Plan plan, Task task, Map<String, String> parameters, Consumer<String> progress,
        BooleanSupplier cancelled) {

    public String parameter(String name, String fallback) {
        String value = parameters.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }

    public void report(String line) {
        progress.accept(line);
    }
}
