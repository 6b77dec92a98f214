package dev.taskflow.panel.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * A phase's checkpoint as evaluated at one moment.
 *
 * @param phaseId      the phase
 * @param state        pending, passed, failed or overridden
 * @param passed       how many of its tasks count as done
 * @param total        how many tasks it has
 * @param failingTasks the tasks whose latest result is a failure
 * @param override     the person's override, when one stands
 * @param evaluatedAt  when it was evaluated
 */
public record Checkpoint(String phaseId, CheckpointState state, int passed, int total, List<String> failingTasks,
        Override override, Instant evaluatedAt) {

    public Checkpoint {
        failingTasks = failingTasks == null ? List.of() : List.copyOf(failingTasks);
    }

    public boolean blocksLaterPhases() {
        return state == CheckpointState.FAILED;
    }

    public int percent() {
        return total == 0 ? 0 : passed * 100 / total;
    }

    public String summary() {
        return switch (state) {
            case PASSED -> "Checkpoint passed: " + passed + " of " + total + " tasks done";
            case PENDING -> "Checkpoint open: " + passed + " of " + total + " tasks done";
            case FAILED -> "Checkpoint failed: " + String.join(", ", failingTasks) + " failed. Later phases are STOPPED"
                    + " until it passes or a person overrides it with a reason.";
            case OVERRIDDEN -> "Checkpoint overridden by a person: " + override.reason();
        };
    }

    /**
     * A person's decision to let later phases run although this checkpoint failed.
     *
     * @param planId  the plan
     * @param phaseId the phase whose checkpoint is overridden
     * @param reason  why, in the person's words
     * @param at      when
     */
    public record Override(String planId, String phaseId, String reason, Instant at) {
    }
}
