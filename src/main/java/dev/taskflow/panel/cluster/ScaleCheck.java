package dev.taskflow.panel.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.TaskOutcome;

import org.springframework.stereotype.Component;

/** {@code kubectl scale deployment … --replicas=N} and every replica Running and Ready (T065, T067). */
@Component
class ScaleCheck implements Check {

    private final ClusterService cluster;

    private final Scaling scaling;

    ScaleCheck(ClusterService cluster, Scaling scaling) {
        this.cluster = cluster;
        this.scaling = scaling;
    }

    @Override
    public String id() {
        return "scale";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        int replicas = replicas(context.parameter("replicas", "1"));
        ScaleResult result = scaling.scale(cluster.appLabel(context.plan().id()), context.parameter("component",
                "backend"), replicas, context::report, context::isCancelled);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.measurement("Scaled " + result.deployment(), Map.of("from",
                String.valueOf(result.from()), "to", String.valueOf(result.to()))));
        boolean ready = result.readiness() == null || result.readiness().ready();
        if (result.readiness() != null) {
            evidence.addAll(ClusterEvidence.readiness(result.readiness()));
        }
        return TaskOutcome.of(ready, ready ? result.deployment() + " scaled from " + result.from() + " to "
                + result.to() + "; " + (result.readiness() == null ? "no pods asked for."
                        : ClusterEvidence.readinessSummary(result.readiness()))
                : result.deployment() + " did not get " + result.to() + " Ready replicas: "
                        + ClusterEvidence.readinessSummary(result.readiness()), evidence);
    }

    static int replicas(String text) {
        try {
            return Integer.parseInt(text.strip());
        }
        catch (NumberFormatException ex) {
            throw new InvalidRequestException("replicas must be a whole number, not '" + text + "'.");
        }
    }
}
