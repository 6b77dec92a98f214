package dev.taskflow.panel.pipeline;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a whole run stands: passed when every task in it is satisfied, incomplete when none failed but some wait for a person or automation. */
public enum RunStatus {
    QUEUED, RUNNING, PASSED, INCOMPLETE, FAILED, CANCELLED, INTERRUPTED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RunStatus fromLabel(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }
}
