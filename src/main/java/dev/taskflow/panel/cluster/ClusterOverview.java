package dev.taskflow.panel.cluster;

import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import dev.taskflow.panel.support.ClusterUnavailableException;

import org.springframework.stereotype.Component;

/** Reads the whole snapshot for the page, turning cluster faults into a message so the dashboard stays usable. */
@Component
class ClusterOverview {

    private final ClusterService cluster;

    private final PodDiagnosis diagnosis;

    ClusterOverview(ClusterService cluster, PodDiagnosis diagnosis) {
        this.cluster = cluster;
        this.diagnosis = diagnosis;
    }

    ClusterSnapshot snapshot(String app) {
        try {
            return new ClusterSnapshot(app, cluster.namespace(), cluster.pods(app), cluster.deployments(app),
                    cluster.events(app), cluster.topology(app), diagnosis.diagnoseApp(app), null);
        }
        catch (ClusterUnavailableException | PlanElementNotFoundException | ClusterAccessDeniedException ex) {
            return ClusterSnapshot.unavailable(app, cluster.namespace(), ex.getMessage());
        }
    }
}
