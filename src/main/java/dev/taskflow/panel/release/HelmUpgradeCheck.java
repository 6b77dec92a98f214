package dev.taskflow.panel.release;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/**
 * {@code helm upgrade} with overrides: {@code component} + {@code replicas} become
 * {@code <component>.replicaCount=<n>}, and {@code set} takes {@code key=value} pairs separated by {@code ;}.
 */
@Component
class HelmUpgradeCheck implements Check {

    private final ReleaseService releases;

    HelmUpgradeCheck(ReleaseService releases) {
        this.releases = releases;
    }

    @Override
    public String id() {
        return "helm-upgrade";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        List<String> sets = new ArrayList<>();
        String component = context.parameter("component", null);
        String replicas = context.parameter("replicas", null);
        if (component != null && replicas != null) {
            sets.add(component + ".replicaCount=" + replicas);
        }
        String more = context.parameter("set", null);
        if (more != null) {
            sets.addAll(Arrays.asList(more.split(";")));
        }
        context.report("helm upgrade " + releases.release() + " " + String.join(" ", sets.stream()
                .map(pair -> "--set " + pair).toList()));
        ReleaseStatus status = releases.upgrade(context.plan().id(), sets);
        return TaskOutcome.of(status.status().equals("deployed"), "Upgraded " + status.name() + " to revision "
                + status.revision() + (sets.isEmpty() ? "" : " with " + String.join(", ", sets)) + ": "
                + status.status() + ".", List.of(ReleaseEvidence.of("helm upgrade " + status.name() + " "
                        + String.join(" ", sets.stream().map(pair -> "--set " + pair).toList()), status)));
    }
}
