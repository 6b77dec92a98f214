package dev.taskflow.panel.contract;

import java.util.List;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/**
 * Seed T003–T004: the ports ({@code what=port}) or the API prefix and frontend base URL ({@code what=api-prefix})
 * as the app's source sets them, with file and line.
 */
@Component
class ContractSourceSettingsCheck implements Check {

    private final ContractService contracts;

    ContractSourceSettingsCheck(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public String id() {
        return "contract-source-settings";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        String what = context.parameter("what", "port");
        String required;
        List<String> shown;
        switch (what) {
            case "port" -> {
                required = SourceFindings.BACKEND_PORT;
                shown = List.of(SourceFindings.BACKEND_PORT, SourceFindings.FRONTEND_PORT);
            }
            case "api-prefix" -> {
                required = SourceFindings.API_PREFIX;
                shown = List.of(SourceFindings.API_PREFIX, SourceFindings.FRONTEND_API_BASE_URL);
            }
            default -> {
                return TaskOutcome.failed("Unknown setting '" + what + "' for contract-source-settings: use "
                        + "what=port or what=api-prefix in the plan.");
            }
        }
        SourceFindings findings;
        try {
            findings = contracts.sourceFindings();
        }
        catch (AppSourceException ex) {
            return TaskOutcome.failed(ex.getMessage());
        }
        List<SourceFinding> relevant = findings.findings().stream().filter(finding -> shown.contains(finding.setting()))
                .toList();
        SourceFinding main = findings.finding(required).orElseThrow();
        String others = relevant.stream().filter(finding -> finding != main)
                .map(finding -> finding.setting() + " " + (finding.found() ? finding.value() + " (" + finding.where() + ")"
                        : "not found"))
                .reduce("", (a, b) -> a + "; " + b);
        if (!main.found()) {
            return TaskOutcome.failed("The " + required + " is not set anywhere the panel looked in "
                    + findings.appRoot() + " (" + main.where() + "). Check panel.contract.app-root and "
                    + "panel.contract.backend-dir point at the app, or record it by hand.",
                    ContractEvidence.findings(relevant));
        }
        return TaskOutcome.passed(required + " " + main.value() + " (" + main.where() + ")" + others,
                ContractEvidence.findings(relevant));
    }
}
