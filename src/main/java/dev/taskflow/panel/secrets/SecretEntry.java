package dev.taskflow.panel.secrets;

import java.util.List;

import dev.taskflow.panel.support.SecretMasker;

/**
 * One {@code KEY=value} line of the secrets file. Its text form shows a fingerprint, never the value, so logging it
 * leaks nothing.
 *
 * @param key   the variable's name
 * @param value the value after quotes and escapes are resolved
 * @param line  the line it was read from (1-based)
 */
public record SecretEntry(String key, String value, int line) {

    public SecretFingerprint fingerprint() {
        return SecretFingerprint.of(key, value, List.of());
    }

    @Override
    public String toString() {
        return key + "=" + SecretMasker.fingerprint(value) + " (" + value.length() + " chars, line " + line + ")";
    }
}
