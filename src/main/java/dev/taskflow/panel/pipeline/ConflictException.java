package dev.taskflow.panel.pipeline;

/** A request that does not fit the current state (cancelling a finished run, overriding a passed checkpoint). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
