package dev.taskflow.panel.checks;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.contract.ContractService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Targets, the end-to-end suite and parity, as JSON. */
@RestController
@Tag(name = "Checks", description = "End-to-end checks against a target, and parity between two targets")
class ChecksApiController {

    private final SuiteRuns runs;

    private final TargetRegistry targets;

    private final ChecksProperties properties;

    private final SuiteEventStreams streams;

    private final ContractService contracts;

    ChecksApiController(SuiteRuns runs, TargetRegistry targets, ChecksProperties properties, SuiteEventStreams streams,
            ContractService contracts) {
        this.contracts = contracts;
        this.runs = runs;
        this.targets = targets;
        this.properties = properties;
        this.streams = streams;
    }

    /** @param target a target's name or a backend URL */
    record RunRequest(String target) {
    }

    /**
     * @param name        the target's name
     * @param backendUrl  its backend's base URL
     * @param frontendUrl its frontend's base URL, if any
     */
    record TargetRequest(String name, String backendUrl, String frontendUrl) {
    }

    /**
     * @param left  the reference target (usually production)
     * @param right the compared target
     */
    record ParityRequest(String left, String right) {
    }

    @GetMapping("/api/targets")
    @Operation(summary = "The targets checks can run against")
    List<Target> targets() {
        return targets.all();
    }

    @PostMapping("/api/targets")
    @Operation(summary = "Register a target of your own")
    Target addTarget(@RequestBody TargetRequest request) {
        Target target = ChecksController.TargetInput.parse(String.valueOf(request.name()), request.backendUrl(),
                request.frontendUrl());
        targets.register(target);
        return targets.resolve(target.name());
    }

    @GetMapping("/api/checks")
    @Operation(summary = "The end-to-end checks, in suite order")
    Map<String, String> checks() {
        return EndToEndSuite.CHECKS;
    }

    @GetMapping("/api/checks/api-map")
    @Operation(summary = "The API map the suite uses: the seed's, with configuration laid over it")
    ApiMap apiMap() {
        return properties.effectiveMap();
    }

    @GetMapping("/api/checks/api-map/proposal")
    @Operation(summary = "An API map proposed from the frozen contract, with the YAML to configure it")
    ApiMapProposal proposal() {
        return ApiMapProposal.from(contracts.frozenContract().orElseThrow(() -> new dev.taskflow.panel.pipeline
                .ConflictException("No contract is frozen yet: freeze production's contract on the Contract page first.")));
    }

    @PostMapping("/api/checks/runs")
    @Operation(summary = "Run the suite against a target: {\"target\":\"minikube\"} or a backend URL")
    ResponseEntity<SuiteReport> run(@RequestBody RunRequest request) {
        SuiteReport report = runs.start(request.target());
        return ResponseEntity.accepted().location(URI.create("/api/checks/runs/" + report.id())).body(report);
    }

    @GetMapping("/api/checks/runs")
    @Operation(summary = "Suite reports, newest first")
    List<SuiteReport> reports() {
        return runs.all();
    }

    @GetMapping("/api/checks/runs/{id}")
    @Operation(summary = "One suite report with every request and answer (masked)")
    SuiteReport report(@PathVariable String id) {
        return runs.report(id);
    }

    @GetMapping(path = "/api/checks/runs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The report's checks as server-sent events (JSON) as they finish, then the whole report")
    SseEmitter events(@PathVariable String id) {
        return streams.json(id);
    }

    @PostMapping("/api/parity")
    @Operation(summary = "Run the suite on two targets now and compare status codes and answer shapes")
    ParityDiff parity(@RequestBody ParityRequest request) {
        return runs.parity(targets.resolve(request.left()), targets.resolve(request.right()));
    }

    @GetMapping("/api/parity")
    @Operation(summary = "Compare the latest reports of two targets")
    ParityDiff latestParity(@RequestParam String left, @RequestParam String right) {
        return runs.latestParity(left, right);
    }
}
