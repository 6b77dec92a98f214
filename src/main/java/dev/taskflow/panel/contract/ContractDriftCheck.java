package dev.taskflow.panel.contract;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/** Compares a target's live contract with the frozen one; fails on removed or changed endpoints. */
@Component
class ContractDriftCheck implements Check {

    private final ContractService contracts;

    private final ContractTargets targets;

    ContractDriftCheck(ContractService contracts, ContractTargets targets) {
        this.contracts = contracts;
        this.targets = targets;
    }

    @Override
    public String id() {
        return "contract-drift";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        String target = context.parameter("target", "minikube");
        try {
            ApiContract frozen = contracts.frozenContract().orElseThrow(ContractNotFrozenException::new);
            ContractService.Extraction live = contracts.extraction(targets.backend(target));
            ContractDrift drift = contracts.drift(frozen, live.contract());
            Map<String, String> values = new LinkedHashMap<>();
            values.put("added", String.valueOf(drift.added().size()));
            values.put("removed", String.valueOf(drift.removed().size()));
            values.put("changed", String.valueOf(drift.changed().size()));
            values.put("unchanged", String.valueOf(drift.unchanged().size()));
            Evidence measured = new Evidence(Evidence.Kind.MEASUREMENT, "Drift of " + live.url() + " from the frozen "
                    + "contract", describe(drift), values);
            Evidence http = ContractEvidence.http(live.url(), live.response());
            if (drift.hasBreakingChanges()) {
                return TaskOutcome.failed("Target '" + target + "' drifted from the frozen contract (" + drift.headline()
                        + "): make the deployment serve production's API unchanged; see the Contract page's drift view.",
                        http, measured);
            }
            return TaskOutcome.passed("Target '" + target + "' matches the frozen contract (" + drift.headline() + ")",
                    http, measured);
        }
        catch (ContractSourceUnavailableException | ContractTargetException | ContractNotFrozenException
                | FrozenContractTamperedException ex) {
            return TaskOutcome.failed(ex.getMessage());
        }
    }

    private static String describe(ContractDrift drift) {
        StringBuilder text = new StringBuilder();
        drift.removed().forEach(endpoint -> text.append("removed: ").append(endpoint.key()).append('\n'));
        drift.added().forEach(endpoint -> text.append("added: ").append(endpoint.key()).append('\n'));
        drift.changed().forEach(change -> change.differences().forEach(difference -> text.append("changed: ")
                .append(change.key()).append(' ').append(difference.aspect()).append(": ").append(difference.frozen())
                .append(" → ").append(difference.live()).append('\n')));
        return text.isEmpty() ? "No differences." : text.toString().strip();
    }
}
