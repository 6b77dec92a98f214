package dev.taskflow.panel.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;

import org.springframework.stereotype.Component;

/** Requests through the backend Service spread over every replica, counted in each pod's access log (T066). */
@Component
class ScaleLoadBalanceCheck implements Check {

    private final ClusterService cluster;

    private final Scaling scaling;

    ScaleLoadBalanceCheck(ClusterService cluster, Scaling scaling) {
        this.cluster = cluster;
        this.scaling = scaling;
    }

    @Override
    public String id() {
        return "scale-load-balance";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        int replicas = ScaleCheck.replicas(context.parameter("replicas", "2"));
        LoadSpread spread = scaling.loadBalance(cluster.appLabel(context.plan().id()), replicas, context::report,
                context::isCancelled);
        Map<String, String> values = new LinkedHashMap<>();
        spread.perPod().forEach((pod, count) -> values.put(pod, String.valueOf(count)));
        values.put("sent", String.valueOf(spread.sent()));
        values.put("answered", String.valueOf(spread.answered()));
        values.put("unattributed", String.valueOf(spread.unattributed()));
        values.put("from", spread.from());
        values.put("tool", spread.tool());
        Evidence evidence = new Evidence(Evidence.Kind.MEASUREMENT, "Requests per backend pod, found in the access "
                + "logs by marker " + spread.marker(), null, values);
        boolean passed = spread.balanced() && spread.answered() == spread.sent();
        return TaskOutcome.of(passed, passed
                ? "Every one of " + replicas + " backend replicas served requests: " + spread.perPod()
                        + "; scaled back to " + spread.scaledBackTo() + "."
                : "The requests did not spread over " + replicas + " replicas (" + spread.perPod() + ", "
                        + spread.answered() + "/" + spread.sent() + " answered, " + spread.unattributed()
                        + " not found in any log): check that the backend logs its access lines (uvicorn "
                        + "--access-log) and that all replicas are behind the Service.", List.of(evidence));
    }
}
