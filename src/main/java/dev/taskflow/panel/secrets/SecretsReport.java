package dev.taskflow.panel.secrets;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The secrets file checked against a plan: fingerprints and lengths stand in for every value.
 *
 * @param plan         the plan whose required keys were checked
 * @param location     where the file is looked for
 * @param present      whether the file exists
 * @param mode         its POSIX mode ({@code 0600}), {@code null} when absent or the file system has none
 * @param fileFindings what concerns the whole file (absent, unreadable lines, mode wider than 0600)
 * @param keys         the plan's required keys in template order, then the file's other keys
 */
public record SecretsReport(String plan, String location, boolean present, String mode,
        List<SecretFinding> fileFindings, List<SecretFingerprint> keys) {

    public SecretsReport {
        fileFindings = List.copyOf(fileFindings);
        keys = List.copyOf(keys);
    }

    /** Whether nothing found is an error (warnings allowed). */
    @JsonProperty
    public boolean valid() {
        return fileFindings.stream().noneMatch(SecretFinding::isError) && keys.stream().noneMatch(SecretFingerprint::hasErrors);
    }

    /** Every error as one line each, the key first: for summaries. */
    public List<String> errors() {
        return Stream.concat(fileFindings.stream().filter(SecretFinding::isError).map(SecretFinding::message),
                keys.stream().flatMap(key -> key.findings().stream().filter(SecretFinding::isError)
                        .map(finding -> key.key() + " " + finding.message()))).toList();
    }

    /** Every warning as one line each. */
    public List<String> warnings() {
        return Stream.concat(fileFindings.stream().filter(finding -> !finding.isError()).map(SecretFinding::message),
                keys.stream().flatMap(key -> key.findings().stream().filter(finding -> !finding.isError())
                        .map(finding -> key.key() + " " + finding.message()))).toList();
    }

    /** The keys with at least one error. */
    public List<String> failingKeys() {
        return keys.stream().filter(SecretFingerprint::hasErrors).map(SecretFingerprint::key).toList();
    }
}
