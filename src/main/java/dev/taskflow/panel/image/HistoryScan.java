package dev.taskflow.panel.image;

import java.util.List;

/**
 * What the history scan found in an image: layer commands, ENV and labels holding secrets, as fingerprints only.
 *
 * @param reference the image scanned
 * @param layers    how many layers were read
 * @param findings  each secret found, where and as a fingerprint
 */
public record HistoryScan(String reference, int layers, List<Finding> findings) {

    public HistoryScan {
        findings = List.copyOf(findings);
    }

    public boolean clean() {
        return findings.isEmpty();
    }

    /**
     * One secret in an image.
     *
     * @param where       {@code layer 3 (RUN …)}, {@code ENV} or {@code label}
     * @param key         the variable or label that holds it, or the secrets.env key whose value it is
     * @param fingerprint {@code sha256:…} of the value
     * @param length      the value's length
     */
    public record Finding(String where, String key, String fingerprint, int length) {
    }
}
