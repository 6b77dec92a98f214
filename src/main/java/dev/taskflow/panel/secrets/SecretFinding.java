package dev.taskflow.panel.secrets;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Something validation noticed about a key or the file, with what to do about it. Never holds a secret value.
 *
 * @param severity an error fails validation; a warning is shown and does not
 * @param message  what is wrong and how to fix it
 */
public record SecretFinding(Severity severity, String message) {

    static SecretFinding error(String message) {
        return new SecretFinding(Severity.ERROR, message);
    }

    static SecretFinding warning(String message) {
        return new SecretFinding(Severity.WARNING, message);
    }

    @JsonIgnore
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** How much a finding matters. */
    public enum Severity {
        ERROR, WARNING;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
