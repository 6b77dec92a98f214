package dev.taskflow.panel.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/**
 * Renders the chart with the plan's values and checks one named assertion ({@code assert}: service,
 * liveness-probe, rolling-update …) with the task's parameters; see {@link RenderAssertions}.
 */
@Component
class HelmRenderAssertCheck implements Check {

    private final ReleaseService releases;

    HelmRenderAssertCheck(ReleaseService releases) {
        this.releases = releases;
    }

    @Override
    public String id() {
        return "helm-render-assert";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        String plan = context.plan().id();
        String assertion = context.parameter("assert", "");
        Map<String, String> parameters = new LinkedHashMap<>(context.parameters());
        parameters.remove("assert");
        RenderAssertions assertions = new RenderAssertions(sets -> releases.render(plan, null, sets).manifests());
        List<String> failures = assertions.failures(assertion, parameters);
        failures.forEach(context::report);
        Evidence asked = Evidence.measurement("helm template " + releases.chart() + " for plan " + plan
                + ", assert " + assertion, parameters);
        if (!failures.isEmpty()) {
            return TaskOutcome.failed(failures.getFirst() + (failures.size() > 1 ? " (+" + (failures.size() - 1)
                    + " more)" : ""), asked, Evidence.note("What the rendering lacks", String.join("\n", failures)));
        }
        return TaskOutcome.passed("The rendered chart satisfies " + assertion + (parameters.isEmpty() ? ""
                : " " + parameters) + ".", asked);
    }
}
