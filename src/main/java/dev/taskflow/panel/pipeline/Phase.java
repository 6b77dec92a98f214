package dev.taskflow.panel.pipeline;

import java.util.List;

/**
 * One phase of a plan, with the gate that closes it.
 *
 * @param id               slug: {@code phase-0} … or {@code exec-1} …
 * @param title            the seed's heading
 * @param purpose          the seed's purpose line, if any
 * @param goal             the seed's goal line, if any
 * @param independentTest  how the seed says to test the phase on its own, if it says
 * @param checkpoint       what must hold when the phase is done
 * @param failureCondition what makes the seed say STOP, if it names it
 * @param milestones       checkpoints the seed places in the middle of the phase
 * @param tasks            the phase's tasks in seed order
 */
public record Phase(String id, String title, String purpose, String goal, String independentTest, String checkpoint,
        String failureCondition, List<Milestone> milestones, List<Task> tasks) {

    public Phase {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
        tasks = List.copyOf(tasks);
    }

    /**
     * A checkpoint the seed places between two tasks of a phase.
     *
     * @param after the task it follows
     * @param text  what must hold there
     */
    public record Milestone(String after, String text) {
    }
}
