package dev.taskflow.panel.pipeline;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One piece of proof a task leaves behind: enough to write a report later without running anything again.
 *
 * @param kind   what sort of proof it is
 * @param title  one line: the command run, the request made, the value measured
 * @param body   the output or response, trimmed and masked
 * @param values measured values by name (a version, a duration, an address)
 */
public record Evidence(Kind kind, String title, String body, Map<String, String> values) {

    public Evidence {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Evidence command(String command, String output) {
        return new Evidence(Kind.COMMAND, command, output, Map.of());
    }

    public static Evidence measurement(String title, Map<String, String> values) {
        return new Evidence(Kind.MEASUREMENT, title, null, values);
    }

    public static Evidence note(String title, String body) {
        return new Evidence(Kind.NOTE, title, body, Map.of());
    }

    /** The same evidence with every text passed through the mask (secrets hidden before anything is kept). */
    public Evidence masked(java.util.function.UnaryOperator<String> mask) {
        Map<String, String> maskedValues = new LinkedHashMap<>();
        values.forEach((key, value) -> maskedValues.put(key, mask.apply(value)));
        return new Evidence(kind, mask.apply(title), mask.apply(body), maskedValues);
    }

    /** The sorts of proof. */
    public enum Kind {
        COMMAND, HTTP, MEASUREMENT, NOTE, FILE;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind fromLabel(String label) {
            return valueOf(label.trim().toUpperCase(Locale.ROOT));
        }
    }
}
