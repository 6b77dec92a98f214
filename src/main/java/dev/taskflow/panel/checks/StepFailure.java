package dev.taskflow.panel.checks;

/** A step's expectation did not hold; the message is the step's summary. */
final class StepFailure extends RuntimeException {

    StepFailure(String message) {
        super(message, null, false, false);
    }
}
