package dev.taskflow.panel.pipeline;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a phase's checkpoint stands. Only a failed one blocks later phases. */
public enum CheckpointState {
    PENDING, PASSED, FAILED, OVERRIDDEN;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CheckpointState fromLabel(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
