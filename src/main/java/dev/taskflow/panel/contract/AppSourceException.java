package dev.taskflow.panel.contract;

import dev.taskflow.panel.pipeline.InvalidRequestException;

/** The app's source cannot be read as asked: the checkout is missing, or it is not in a git repository. */
public class AppSourceException extends InvalidRequestException {

    public AppSourceException(String message) {
        super(message);
    }
}
