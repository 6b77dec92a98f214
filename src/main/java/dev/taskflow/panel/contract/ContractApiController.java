package dev.taskflow.panel.contract;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The app's API contract: extract, freeze, compare, and what the app's source says. */
@RestController
@RequestMapping("/api/contract")
@Tag(name = "Contract", description = "Extract and freeze production's API contract, detect drift, guard the app's source")
class ContractApiController {

    private final ContractService contracts;

    private final SourceGuard guard;

    private final ContractTargets targets;

    ContractApiController(ContractService contracts, SourceGuard guard, ContractTargets targets) {
        this.contracts = contracts;
        this.guard = guard;
        this.targets = targets;
    }

    @GetMapping("/frozen")
    @Operation(summary = "The frozen contract with its source, time and hash; 409 when none is frozen or the file was edited")
    FrozenContract frozen() {
        return contracts.frozen().orElseThrow(ContractNotFrozenException::new);
    }

    @PostMapping("/extract")
    @Operation(summary = "Read a target's contract from its OpenAPI document: {\"target\":\"production\"} or a URL")
    ApiContract extract(@RequestBody TargetRequest request) {
        return contracts.extract(targets.backend(request.target()));
    }

    @PostMapping("/freeze")
    @Operation(summary = "Read a target's contract and freeze it into contracts/contracts-freeze.json and .md")
    FreezeResult freeze(@RequestBody TargetRequest request) {
        return contracts.freeze(contracts.extract(targets.backend(request.target())));
    }

    @GetMapping("/drift")
    @Operation(summary = "Compare a target's live contract with the frozen one: added, removed, changed endpoints")
    ContractDrift drift(@RequestParam(defaultValue = "minikube") String target) {
        ApiContract frozen = contracts.frozenContract().orElseThrow(ContractNotFrozenException::new);
        return contracts.drift(frozen, contracts.extract(targets.backend(target)));
    }

    @GetMapping("/source-findings")
    @Operation(summary = "Backend port, frontend port, API prefix and frontend API base URL as the app's source sets them")
    SourceFindings sourceFindings() {
        return contracts.sourceFindings();
    }

    @GetMapping("/immutability")
    @Operation(summary = "git status of the app's source folders against HEAD, with the commit")
    ImmutabilityReport immutability() {
        return guard.check();
    }

    /**
     * Which deployment to read.
     *
     * @param target a target name (production, compose, minikube) or a backend URL
     */
    record TargetRequest(String target) {
    }
}
