package dev.taskflow.panel.checks;

import dev.taskflow.panel.pipeline.InvalidRequestException;

/** The configured API map cannot drive the suite; the message names the entry and the fix. */
public class InvalidApiMapException extends InvalidRequestException {

    public InvalidApiMapException(String message) {
        super(message);
    }
}
