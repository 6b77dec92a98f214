package dev.taskflow.panel.pipeline;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One seed plan as data: its phases in order, each holding its tasks in seed order.
 *
 * @param id      the plan's slug ({@code taskflow}, {@code todo-app}, {@code habit-tracker})
 * @param title   the name shown to people
 * @param seed    the seed file it was encoded from
 * @param summary what the plan deploys
 * @param phases  its phases in seed order
 */
public record Plan(String id, String title, String seed, String summary, List<Phase> phases) {

    public Plan {
        phases = List.copyOf(phases);
    }

    public Stream<Task> tasks() {
        return phases.stream().flatMap(phase -> phase.tasks().stream());
    }

    public int taskCount() {
        return phases.stream().mapToInt(phase -> phase.tasks().size()).sum();
    }

    public Optional<Phase> phase(String phaseId) {
        return phases.stream().filter(phase -> phase.id().equals(phaseId)).findFirst();
    }

    public Optional<Task> task(String taskId) {
        return tasks().filter(task -> task.id().equals(taskId)).findFirst();
    }

    /** The phase a task belongs to. */
    public Phase phaseOf(String taskId) {
        return phases.stream()
                .filter(phase -> phase.tasks().stream().anyMatch(task -> task.id().equals(taskId)))
                .findFirst()
                .orElseThrow(() -> new PlanElementNotFoundException("task", taskId, this));
    }
}
