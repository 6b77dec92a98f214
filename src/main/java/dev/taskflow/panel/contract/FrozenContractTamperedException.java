package dev.taskflow.panel.contract;

import dev.taskflow.panel.pipeline.ConflictException;

/** The frozen contract file no longer matches its own hash (or no longer parses): someone edited it by hand. */
public class FrozenContractTamperedException extends ConflictException {

    public FrozenContractTamperedException(String message) {
        super(message);
    }
}
