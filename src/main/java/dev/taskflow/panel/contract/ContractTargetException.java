package dev.taskflow.panel.contract;

import dev.taskflow.panel.pipeline.InvalidRequestException;

/** A target asked for by name that nobody registered, or one without the URL the request needs. */
public class ContractTargetException extends InvalidRequestException {

    public ContractTargetException(String message) {
        super(message);
    }
}
