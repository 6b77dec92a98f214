package dev.taskflow.panel.contract;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/**
 * Seed T005: reads production's contract and freezes it into the workspace. It fails, naming them, when endpoints
 * the plan expects are missing (the phase's failure condition); the files are written anyway so a person can look.
 */
@Component
class ContractFreezeCheck implements Check {

    private final ContractService contracts;

    private final ContractTargets targets;

    ContractFreezeCheck(ContractService contracts, ContractTargets targets) {
        this.contracts = contracts;
        this.targets = targets;
    }

    @Override
    public String id() {
        return "contract-freeze";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        String target = context.parameter("target", ContractTargets.PRODUCTION);
        int expectedCount;
        try {
            expectedCount = Integer.parseInt(context.parameter("expectedEndpoints", "0").strip());
        }
        catch (NumberFormatException ex) {
            return TaskOutcome.failed("expectedEndpoints must be a number in the plan, not '"
                    + context.parameter("expectedEndpoints", "") + "'.");
        }
        ContractService.Extraction extraction;
        try {
            URI backend = targets.backend(target);
            context.report("Reading " + contracts.openapiUrl(backend));
            extraction = contracts.extraction(backend);
        }
        catch (ContractSourceUnavailableException | ContractTargetException ex) {
            return TaskOutcome.failed(ex.getMessage() + " Nothing was frozen.");
        }
        FreezeResult result = contracts.freeze(extraction.contract());
        context.report("Wrote " + result.jsonFile() + " and " + result.markdownFile());
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(ContractEvidence.http(extraction.url(), extraction.response()));
        evidence.add(ContractEvidence.endpoints(extraction.contract()));
        evidence.add(ContractEvidence.file(result.jsonFile(), "Frozen contract, hash " + result.frozen().contentHash()));
        evidence.add(ContractEvidence.file(result.markdownFile(), "Readable table marked IMMUTABLE"));
        int count = extraction.contract().endpoints().size();
        List<String> problems = new ArrayList<>();
        if (!result.missingEndpoints().isEmpty()) {
            problems.add("missing " + result.missingEndpoints().size() + " expected endpoint(s): "
                    + String.join(", ", result.missingEndpoints()));
        }
        if (count < expectedCount) {
            problems.add("the plan expects " + expectedCount + " endpoints, production has " + count);
        }
        if (!problems.isEmpty()) {
            return TaskOutcome.of(false, "Production's contract is incomplete: " + String.join("; ", problems)
                    + ". Check the production backend is the right deployment, or adjust "
                    + "panel.contract.expected-endpoints; the freeze files were written for you to inspect.", evidence);
        }
        return TaskOutcome.of(true, "Froze " + count + " endpoints from " + extraction.url() + " ("
                + result.frozen().contentHash().substring(0, 19) + "…)", evidence);
    }
}
