package dev.taskflow.panel.pipeline;

/**
 * Something the panel can do or verify for a task. Each capability contributes its checks as beans; the
 * {@link CheckRegistry} finds them by {@link #id()}, so the engine never learns about Docker, Helm or HTTP.
 */
public interface Check {

    /** The id plans name in {@code satisfiedBy.check}. */
    String id();

    /**
     * Runs the check. Throwing is allowed: the engine turns an exception into a failed result naming it.
     * A long check should look at {@link CheckContext#cancelled()} and stop when asked.
     */
    TaskOutcome run(CheckContext context) throws Exception;
}
