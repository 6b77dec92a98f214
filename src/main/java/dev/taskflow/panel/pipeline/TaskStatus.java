package dev.taskflow.panel.pipeline;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a task stands in a run. */
public enum TaskStatus {
    QUEUED, RUNNING, PASSED, FAILED, BLOCKED, SKIPPED, MANUAL_PENDING, MANUAL_DONE, NOT_AUTOMATED, CANCELLED, INTERRUPTED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static TaskStatus fromLabel(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** A status that counts towards its phase's checkpoint. */
    public boolean satisfiesCheckpoint() {
        return this == PASSED || this == MANUAL_DONE;
    }

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }
}
