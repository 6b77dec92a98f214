package dev.taskflow.panel.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One setting read from the app's source, or where the panel looked for it in vain.
 *
 * @param setting  what it is: backend port, frontend port, API prefix, frontend API base URL
 * @param value    the value found, or {@code null} when not found
 * @param file     the file it was found in, relative to the app checkout
 * @param line     the line number (from 1), or 0 when not found
 * @param lookedIn when not found, the files and folders searched
 */
public record SourceFinding(String setting, String value, String file, int line, List<String> lookedIn) {

    public SourceFinding {
        lookedIn = lookedIn == null ? List.of() : List.copyOf(lookedIn);
    }

    @JsonProperty
    public boolean found() {
        return value != null;
    }

    /** {@code backend/src/main.py:42}, or "not found, looked in: …". */
    @JsonProperty
    public String where() {
        return found() ? file + ":" + line : "not found, looked in: " + (lookedIn.isEmpty() ? "nothing readable"
                : String.join(", ", lookedIn));
    }
}
