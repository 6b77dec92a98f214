package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.TaskOutcome;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/** Backend, then frontend, Running and Ready, each pod within its startup budget (T041, T044, T050, T048). */
@Component
class PodsReadyCheck implements Check {

    private final ClusterService cluster;

    private final ReadinessWait readiness;

    private final ClusterAccess access;

    PodsReadyCheck(ClusterService cluster, ReadinessWait readiness, ClusterAccess access) {
        this.cluster = cluster;
        this.readiness = readiness;
        this.access = access;
    }

    @Override
    public String id() {
        return "pods-ready";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        String app = cluster.appLabel(context.plan().id());
        List<String> components = ClusterService.components(context.parameter("component", "all"));
        Duration budget = DurationStyle.detectAndParse(context.parameter("budget",
                cluster.properties().podReadyBudget().toSeconds() + "s"));
        ReadinessReport report = readiness.await(app, components, budget, budget, context::report,
                context::isCancelled);
        boolean passed = report.withinBudgets();
        String summary = ClusterEvidence.readinessSummary(report);
        if (report.ready() && !passed) {
            summary = "Ready, but over budget: " + summary;
        }
        if (report.ready() && components.contains("frontend")) {
            try {
                AccessInfo info = access.connect(app);
                context.report("Registered target minikube: frontend " + info.frontendUrl() + ", backend "
                        + info.backendUrl());
            }
            catch (RuntimeException ex) {
                context.report("Could not register target minikube: " + ex.getMessage());
            }
        }
        return TaskOutcome.of(passed, summary, ClusterEvidence.readiness(report));
    }
}
