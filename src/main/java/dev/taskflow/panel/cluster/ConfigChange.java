package dev.taskflow.panel.cluster;

import java.util.List;

/**
 * A ConfigMap or Secret value changed, the Deployment rolled, and what the new pods hold, as fingerprints only.
 *
 * @param kind            ConfigMap or Secret
 * @param source          the object's name
 * @param key             the key changed
 * @param deployment      the Deployment rolled
 * @param oldFingerprint  the value's fingerprint before
 * @param newFingerprint  the fingerprint of the value set
 * @param pods            each new pod and the fingerprint of the variable it holds
 * @param restored        whether the old value was put back afterwards (and rolled out again)
 * @param readiness       the wait for the new pods
 */
public record ConfigChange(String kind, String source, String key, String deployment, String oldFingerprint,
        String newFingerprint, List<PodValue> pods, boolean restored, ReadinessReport readiness) {

    public ConfigChange {
        pods = List.copyOf(pods);
    }

    /** Every new pod holds the new value. */
    public boolean applied() {
        return !pods.isEmpty() && pods.stream().allMatch(pod -> newFingerprint.equals(pod.fingerprint()));
    }

    /**
     * @param pod         a pod started after the change
     * @param fingerprint the fingerprint of the variable it holds, or {@code null} when it lacks it
     */
    public record PodValue(String pod, String fingerprint) {
    }
}
