package dev.taskflow.panel.cluster;

import java.util.List;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.TaskOutcome;

import org.springframework.stereotype.Component;

/** The backend's health path asked from inside its own pod, like {@code kubectl exec … curl localhost:8000/health} (T042). */
@Component
class PodExecHealthCheck implements Check {

    private final ClusterService cluster;

    private final InPodChecks inPod;

    PodExecHealthCheck(ClusterService cluster, InPodChecks inPod) {
        this.cluster = cluster;
        this.inPod = inPod;
    }

    @Override
    public String id() {
        return "pod-exec-health";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        if (!context.parameter("component", "backend").equals("backend")) {
            throw new InvalidRequestException("pod-exec-health checks the backend only (component: backend).");
        }
        InPodAnswers.Http answer = inPod.backendHealth(cluster.appLabel(context.plan().id()));
        String said = answer.body().toLowerCase(java.util.Locale.ROOT).contains("healthy") ? ", status healthy" : "";
        return TaskOutcome.of(answer.ok(), answer.ok()
                ? "The backend answers " + answer.status() + said + " from inside pod " + answer.pod() + " ("
                        + answer.tool() + ")."
                : "The backend's health check inside pod " + answer.pod() + " got " + (answer.status() == null
                        ? "no answer" : answer.status()) + ": look at its logs (" + answer.tool() + ").",
                List.of(ClusterEvidence.http(answer)));
    }
}
