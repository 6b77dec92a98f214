package dev.taskflow.panel.release;

import java.time.Duration;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * {@code helm install --wait} of the plan's release; when it is installed already, an upgrade to the same chart and
 * values instead, so running the task again converges rather than fails.
 */
@Component
class HelmInstallCheck implements Check {

    private final ReleaseService releases;

    HelmInstallCheck(ReleaseService releases) {
        this.releases = releases;
    }

    @Override
    public String id() {
        return "helm-install";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        Duration timeout = context.parameters().containsKey("timeout")
                ? DurationStyle.detectAndParse(context.parameter("timeout", "5m")) : null;
        boolean installed = releases.overview().installed();
        context.report((installed ? "Upgrading" : "Installing") + " release " + releases.release() + " in namespace "
                + releases.namespace() + " from " + releases.chart());
        ReleaseStatus status = installed ? releases.upgrade(context.plan().id(), java.util.List.of())
                : releases.install(context.plan().id(), timeout);
        String verb = installed ? "was installed already; upgraded to" : "installed as";
        return TaskOutcome.of(status.status().equals("deployed"), "Release " + status.name() + " " + verb
                + " revision " + status.revision() + ": " + status.status() + ".",
                java.util.List.of(ReleaseEvidence.of((installed ? "helm upgrade " : "helm install ") + status.name()
                        + " " + releases.chart(), status)));
    }
}
