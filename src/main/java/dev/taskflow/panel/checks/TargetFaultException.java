package dev.taskflow.panel.checks;

/** The target could not be talked to at all (down, too slow, redirected away); the message says what to do. */
public class TargetFaultException extends RuntimeException {

    public TargetFaultException(String message) {
        super(message);
    }
}
