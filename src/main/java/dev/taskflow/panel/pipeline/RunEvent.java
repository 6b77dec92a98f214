package dev.taskflow.panel.pipeline;

/**
 * What happens during a run, in order. Every event carries the run's id and a sequence number that is unique
 * within the run, so a browser that reconnects with {@code Last-Event-ID} resumes without duplicates.
 */
public sealed interface RunEvent {

    String runId();

    long sequence();

    /** The name the event travels under on the wire. */
    String type();

    /** The run started, or its whole state changed (status, cancellation). */
    record RunUpdated(String runId, long sequence, RunRecord run) implements RunEvent {
        public String type() {
            return "run";
        }
    }

    /** A task started or finished. */
    record TaskUpdated(String runId, long sequence, TaskResult result) implements RunEvent {
        public String type() {
            return "task";
        }
    }

    /** A line of output from a running task. */
    record TaskProgress(String runId, long sequence, String taskId, String line) implements RunEvent {
        public String type() {
            return "progress";
        }
    }

    /** A phase's checkpoint was evaluated at the end of the phase's part of the run. */
    record CheckpointEvaluated(String runId, long sequence, Checkpoint checkpoint) implements RunEvent {
        public String type() {
            return "checkpoint";
        }
    }

    /** The run ended; nothing follows. */
    record RunEnded(String runId, long sequence, RunRecord run) implements RunEvent {
        public String type() {
            return "end";
        }
    }
}
