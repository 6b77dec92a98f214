package dev.taskflow.panel.cluster;

import java.util.List;

/**
 * Everything the Cluster page shows at once; when the cluster cannot be asked, the reason instead, so the page
 * still renders.
 *
 * @param app         the {@code app} label shown
 * @param namespace   the namespace
 * @param pods        the app's pods
 * @param deployments the app's Deployments
 * @param events      Events about the app's objects, newest first
 * @param topology    the picture's data, or {@code null} when unavailable
 * @param diagnoses   why the pods that are not Ready are not
 * @param problem     why nothing could be read, or {@code null}
 */
public record ClusterSnapshot(String app, String namespace, List<PodView> pods, List<DeploymentView> deployments,
        List<EventView> events, Topology topology, List<Diagnosis> diagnoses, String problem) {

    static ClusterSnapshot unavailable(String app, String namespace, String problem) {
        return new ClusterSnapshot(app, namespace, List.of(), List.of(), List.of(), null, List.of(), problem);
    }
}
