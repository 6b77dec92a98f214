package dev.taskflow.panel.compose;

import dev.taskflow.panel.pipeline.ConflictException;

/** The compose stack could not do what was asked; the message names the cause and the fix. */
public class ComposeException extends ConflictException {

    private final Reason reason;

    ComposeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Why compose failed, so callers and tests can tell the faults apart without reading the message. */
    public enum Reason {
        NO_TOOL, FILE_MISSING, FILE_INVALID, ENGINE_UNAVAILABLE, PORT_IN_USE, SERVICE_FAILED, TIMEOUT, COMMAND_FAILED,
        BUSY
    }
}
