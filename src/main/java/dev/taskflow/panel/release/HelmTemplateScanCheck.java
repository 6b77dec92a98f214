package dev.taskflow.panel.release;

import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/** {@code helm template} with install-time secret values, proving no secret lands outside a Secret. */
@Component
class HelmTemplateScanCheck implements Check {

    private final ReleaseService releases;

    HelmTemplateScanCheck(ReleaseService releases) {
        this.releases = releases;
    }

    @Override
    public String id() {
        return "helm-template-scan";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        TemplateScan scan = releases.scan(context.plan().id());
        scan.findings().forEach(context::report);
        Evidence measured = Evidence.measurement("helm template scan of " + releases.chart(), Map.of(
                "secret values from", scan.valuesSource(), "secrets traced", String.valueOf(scan.secretsTraced()),
                "resources scanned", String.valueOf(scan.resources()), "chart files scanned",
                String.valueOf(scan.files()), "findings", String.valueOf(scan.findings().size())));
        if (!scan.clean()) {
            return TaskOutcome.failed(scan.findings().size() + " secret leak(s): " + scan.findings().getFirst(),
                    measured, Evidence.note("Findings", String.join("\n", scan.findings())));
        }
        return TaskOutcome.passed("No secret outside a Secret: " + scan.secretsTraced() + " values traced through "
                + scan.resources() + " resources, " + scan.files() + " chart files clean.", measured);
    }
}
