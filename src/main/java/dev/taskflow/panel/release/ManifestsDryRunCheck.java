package dev.taskflow.panel.release;

import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/**
 * Renders the chart ({@code values}: an extra values file from the chart folder, e.g. values-dev.yaml) and checks
 * the manifests fit together without a cluster: selectors, ports, envFrom sources, Ingress backends.
 */
@Component
class ManifestsDryRunCheck implements Check {

    private final ReleaseService releases;

    ManifestsDryRunCheck(ReleaseService releases) {
        this.releases = releases;
    }

    @Override
    public String id() {
        return "manifests-dry-run";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        RenderedRelease rendered = releases.render(context.plan().id(), context.parameter("values", null), List.of());
        List<String> findings = ManifestConsistency.findings(rendered.manifests());
        findings.forEach(context::report);
        Evidence measured = Evidence.measurement("Client-side dry run of " + rendered.chart(), Map.of(
                "values files", String.join(", ", rendered.valuesFiles()), "resources",
                String.valueOf(rendered.manifests().size()), "findings", String.valueOf(findings.size())));
        Evidence manifests = Evidence.note("Rendered manifests (secrets hidden)", rendered.yaml());
        if (!findings.isEmpty()) {
            return TaskOutcome.failed(findings.size() + " problem(s) in the rendered manifests: " + findings.getFirst(),
                    measured, Evidence.note("Findings", String.join("\n", findings)), manifests);
        }
        return TaskOutcome.passed(rendered.manifests().size() + " resources render and fit together (selectors, "
                + "ports, envFrom, Ingress backends).", measured, manifests);
    }
}
