package dev.taskflow.panel.pipeline;

/** A request that cannot be carried out as asked; the message names what was wrong and how to ask instead. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
