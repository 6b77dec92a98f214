package dev.taskflow.panel.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What freezing wrote, and which expected endpoints the contract lacks (the files are written either way so a
 * person can look at them).
 *
 * @param frozen           the frozen contract
 * @param jsonFile         the machine-readable file, {@code contracts-freeze.json}
 * @param markdownFile     the readable table marked IMMUTABLE, {@code contracts-freeze.md}
 * @param missingEndpoints expected endpoints ({@code METHOD /path}) the contract does not have
 */
public record FreezeResult(FrozenContract frozen, String jsonFile, String markdownFile, List<String> missingEndpoints) {

    public FreezeResult {
        missingEndpoints = List.copyOf(missingEndpoints);
    }

    @JsonProperty
    public boolean complete() {
        return missingEndpoints.isEmpty();
    }
}
