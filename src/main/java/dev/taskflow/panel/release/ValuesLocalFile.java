package dev.taskflow.panel.release;

import java.util.List;
import java.util.Map;

/**
 * The {@code values-local.yaml} written from {@code secrets.env}: where it is and what it holds, never its values.
 *
 * @param path         the file (mode 0600)
 * @param fingerprints chart value → fingerprint of what it was set to
 * @param missing      secrets.env keys the chart expects but the file does not set
 */
public record ValuesLocalFile(String path, Map<String, String> fingerprints, List<String> missing) {

    public ValuesLocalFile {
        fingerprints = Map.copyOf(fingerprints);
        missing = List.copyOf(missing);
    }
}
