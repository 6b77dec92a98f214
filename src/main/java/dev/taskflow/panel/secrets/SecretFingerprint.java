package dev.taskflow.panel.secrets;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.taskflow.panel.support.SecretMasker;

/**
 * A key of the secrets file as it may be shown: its fingerprint and length stand in for the value.
 *
 * @param key         the variable's name
 * @param fingerprint {@code sha256:xxxxxxxx} of the value, or {@code null} when the file does not set the key
 * @param length      the value's length in characters (0 when not set)
 * @param findings    what validation found, errors first
 */
public record SecretFingerprint(String key, String fingerprint, int length, List<SecretFinding> findings) {

    public SecretFingerprint {
        findings = List.copyOf(findings);
    }

    static SecretFingerprint of(String key, String value, List<SecretFinding> findings) {
        return new SecretFingerprint(key, SecretMasker.fingerprint(value), value.length(), findings);
    }

    static SecretFingerprint absent(String key, List<SecretFinding> findings) {
        return new SecretFingerprint(key, null, 0, findings);
    }

    @JsonProperty
    public boolean present() {
        return fingerprint != null;
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(SecretFinding::isError);
    }

    /** One word for the table: ok, warning or failed. */
    @JsonProperty
    public String result() {
        return hasErrors() ? "failed" : findings.isEmpty() ? "ok" : "warning";
    }

    /** How the value may be named in evidence and summaries. */
    public String display() {
        return present() ? fingerprint + " (" + length + " chars)" : "not set";
    }
}
