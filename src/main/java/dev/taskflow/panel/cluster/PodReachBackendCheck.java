package dev.taskflow.panel.cluster;

import java.util.List;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.TaskOutcome;

import org.springframework.stereotype.Component;

/** The backend Service's health path reached from the frontend pod, over cluster DNS and kube-proxy (T063). */
@Component
class PodReachBackendCheck implements Check {

    private final ClusterService cluster;

    private final InPodChecks inPod;

    PodReachBackendCheck(ClusterService cluster, InPodChecks inPod) {
        this.cluster = cluster;
        this.inPod = inPod;
    }

    @Override
    public String id() {
        return "pod-reach-backend";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        InPodAnswers.Http answer = inPod.backendFromFrontend(cluster.appLabel(context.plan().id()));
        return TaskOutcome.of(answer.ok(), answer.ok()
                ? "Frontend pod " + answer.pod() + " reaches " + answer.url() + ": " + answer.status() + " ("
                        + answer.tool() + ")."
                : "Frontend pod " + answer.pod() + " cannot reach " + answer.url() + " (" + (answer.status() == null
                        ? answer.body() : "HTTP " + answer.status()) + "): check the backend Service's selector "
                        + "and the backend pods' readiness.", List.of(ClusterEvidence.http(answer)));
    }
}
