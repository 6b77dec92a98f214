package dev.taskflow.panel.secrets;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code secrets.env} holds, in file order. Its text form lists fingerprints only.
 *
 * @param location the file read
 * @param entries  its variables in the order they appear
 */
public record SecretEntries(Path location, List<SecretEntry> entries) {

    public SecretEntries {
        entries = List.copyOf(entries);
    }

    /** The value of a key, if the file sets it. */
    public Optional<String> value(String key) {
        return entry(key).map(SecretEntry::value);
    }

    public Optional<SecretEntry> entry(String key) {
        return entries.stream().filter(entry -> entry.key().equals(key)).findFirst();
    }

    public List<String> keys() {
        return entries.stream().map(SecretEntry::key).toList();
    }

    @Override
    public String toString() {
        return "SecretEntries" + entries + " from " + location;
    }
}
