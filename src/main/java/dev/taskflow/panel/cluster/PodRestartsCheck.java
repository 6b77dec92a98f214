package dev.taskflow.panel.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;

import org.springframework.stereotype.Component;

/** No pod of the app restarted: the startup probe gave it enough time (todo-app T099). */
@Component
class PodRestartsCheck implements Check {

    private final ClusterService cluster;

    PodRestartsCheck(ClusterService cluster) {
        this.cluster = cluster;
    }

    @Override
    public String id() {
        return "pod-restarts";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        List<PodView> pods = cluster.pods(cluster.appLabel(context.plan().id())).stream()
                .filter(pod -> !pod.terminating()).toList();
        Map<String, String> values = new LinkedHashMap<>();
        pods.forEach(pod -> values.put(pod.name(), pod.restarts() + " restarts, " + pod.status()));
        List<PodView> restarted = pods.stream().filter(pod -> pod.restarts() > 0).toList();
        Evidence evidence = Evidence.measurement("Restarts per pod", values);
        if (pods.isEmpty()) {
            return TaskOutcome.failed("There are no pods of the app to look at: install the release first.",
                    evidence);
        }
        return TaskOutcome.of(restarted.isEmpty(), restarted.isEmpty()
                ? "None of the " + pods.size() + " pods restarted: the startup probe gives them enough time."
                : restarted.size() + " pod(s) restarted (" + String.join(", ", restarted.stream()
                        .map(pod -> pod.name() + " ×" + pod.restarts()).toList()) + "): see their diagnosis and "
                        + "previous logs on the Cluster page; raise the startup probe's failureThreshold if the app "
                        + "starts slowly.", List.of(evidence));
    }
}
