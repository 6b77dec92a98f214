package dev.taskflow.panel.secrets;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which entries the app repository's {@code .gitignore} already covers.
 *
 * @param file    the .gitignore looked at
 * @param exists  whether it exists
 * @param present the entries it covers (an identical line, or a rule that ignores that path, such as {@code *.env})
 * @param missing the entries it does not cover
 */
public record GitignoreStatus(String file, boolean exists, List<String> present, List<String> missing) {

    public GitignoreStatus {
        present = List.copyOf(present);
        missing = List.copyOf(missing);
    }

    @JsonProperty
    public boolean complete() {
        return missing.isEmpty();
    }
}
