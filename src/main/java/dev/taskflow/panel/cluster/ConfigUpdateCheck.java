package dev.taskflow.panel.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;

import org.springframework.stereotype.Component;

/**
 * The ConfigMap update workflow (T033): change the value, restart the pods, prove the new pods hold it. Without a
 * {@code value} parameter it sets a marker value and puts the old one back afterwards, so the app ends as it began.
 */
@Component
class ConfigUpdateCheck implements Check {

    private final ClusterService cluster;

    private final ConfigUpdate update;

    ConfigUpdateCheck(ClusterService cluster, ConfigUpdate update) {
        this.cluster = cluster;
        this.update = update;
    }

    @Override
    public String id() {
        return "config-update";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        String given = context.parameter("value", null);
        boolean restore = given == null;
        String value = restore ? "panel-config-check-" + System.currentTimeMillis() / 1000 : given;
        ConfigChange change = update.update(cluster.appLabel(context.plan().id()), context.parameter("component",
                "frontend"), context.parameter("key", "NEXT_PUBLIC_API_URL"), value, restore, context::report,
                context::isCancelled);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("source", change.kind() + " " + change.source());
        values.put("before", String.valueOf(change.oldFingerprint()));
        values.put("set", change.newFingerprint());
        change.pods().forEach(pod -> values.put(pod.pod(), String.valueOf(pod.fingerprint())));
        values.put("restored", String.valueOf(change.restored()));
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(Evidence.Kind.MEASUREMENT, change.key() + " changed and rolled out to "
                + change.deployment(), null, values));
        evidence.addAll(ClusterEvidence.readiness(change.readiness()));
        boolean passed = change.applied() && (!restore || change.restored());
        return TaskOutcome.of(passed, passed
                ? change.key() + " in " + change.kind() + " " + change.source() + " changed; the " + change.pods().size()
                        + " new pod(s) hold it (" + change.newFingerprint() + ")" + (restore ? "; the old value is "
                                + "back." : ".")
                : "The new pods of " + change.deployment() + " do not hold the new " + change.key() + ": "
                        + (change.readiness().ready() ? "their fingerprints differ " + change.pods()
                                : ClusterEvidence.readinessSummary(change.readiness()))
                        + (restore && !change.restored() ? "; the old value could not be rolled back out" : ""),
                evidence);
    }
}
