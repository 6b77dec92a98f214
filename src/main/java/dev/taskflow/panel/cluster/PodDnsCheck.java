package dev.taskflow.panel.cluster;

import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;

import org.springframework.stereotype.Component;

/** The backend Service's name resolved to its ClusterIP from inside a pod, like {@code nslookup} (T047, T062). */
@Component
class PodDnsCheck implements Check {

    private final ClusterService cluster;

    private final InPodChecks inPod;

    PodDnsCheck(ClusterService cluster, InPodChecks inPod) {
        this.cluster = cluster;
        this.inPod = inPod;
    }

    @Override
    public String id() {
        return "pod-dns";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        String from = context.parameter("from", "frontend");
        ClusterService.components(from);
        InPodAnswers.Resolution answer = inPod.resolveBackend(cluster.appLabel(context.plan().id()), from);
        Evidence evidence = new Evidence(Evidence.Kind.COMMAND, "Resolve " + answer.name() + " in pod "
                + answer.pod(), answer.output(), Map.of("addresses", String.join(", ", answer.addresses()),
                        "clusterIP", String.valueOf(answer.clusterIp()), "tool", answer.tool()));
        return TaskOutcome.of(answer.resolved(), answer.resolved()
                ? answer.name() + " resolves to " + String.join(", ", answer.addresses()) + " (the Service's "
                        + "ClusterIP) in pod " + answer.pod() + "; " + answer.tool() + "."
                : answer.name() + " does not resolve to the Service's ClusterIP " + answer.clusterIp() + " in pod "
                        + answer.pod() + " (got " + (answer.addresses().isEmpty() ? "nothing" : answer.addresses())
                        + "; " + answer.tool() + "): check CoreDNS (kubectl -n kube-system get pods) and the "
                        + "Service name the frontend uses.", java.util.List.of(evidence));
    }
}
