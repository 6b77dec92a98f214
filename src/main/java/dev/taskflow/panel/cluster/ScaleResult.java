package dev.taskflow.panel.cluster;

/**
 * A Deployment scaled and waited for.
 *
 * @param deployment the Deployment
 * @param from       its replicas before
 * @param to         its replicas now
 * @param readiness  the wait for the pods after scaling
 */
public record ScaleResult(String deployment, int from, int to, ReadinessReport readiness) {
}
