package dev.taskflow.panel.release;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The TaskFlow release through embedded Helm: chart checks, install, upgrade, history, rollback, diff, uninstall. */
@RestController
@RequestMapping("/api/releases")
@Tag(name = "Release", description = "Lint, render, scan, install, upgrade, roll back, diff, test and uninstall the "
        + "TaskFlow chart with embedded Helm; every secret value is hidden in what comes back")
class ReleaseApiController {

    private final ReleaseService releases;

    ReleaseApiController(ReleaseService releases) {
        this.releases = releases;
    }

    /** An install of a plan's release. */
    record InstallRequest(String plan) {
    }

    /** An upgrade: the plan's values plus {@code --set} pairs ({@code backend.replicaCount=3}). */
    record UpgradeRequest(String plan, List<String> sets) {
    }

    /** A rollback to an earlier revision. */
    record RollbackRequest(int revision) {
    }

    /** Resources that do not fit together, after a client-side dry run. */
    record DryRunResult(RenderedRelease rendered, List<String> findings) {
    }

    @GetMapping
    @Operation(summary = "The release's status and revisions (newest first) with who made each and which values changed")
    ReleaseOverview overview() {
        return releases.overview();
    }

    @GetMapping("/chart/lint")
    @Operation(summary = "helm lint on the chart; strict=true counts warnings as failures")
    LintReport lint(@RequestParam(defaultValue = "false") boolean strict) {
        return releases.lint(strict);
    }

    @GetMapping("/chart/template")
    @Operation(summary = "helm template with the plan's values, values-local.yaml and --set pairs; secrets hidden")
    RenderedRelease template(@RequestParam(defaultValue = "taskflow") String plan,
            @RequestParam(required = false) String values, @RequestParam(required = false) List<String> set) {
        return releases.render(plan, values, set);
    }

    @GetMapping("/chart/scan")
    @Operation(summary = "Render with install-time secret values and prove none appears outside a Secret")
    TemplateScan scan(@RequestParam(defaultValue = "taskflow") String plan) {
        return releases.scan(plan);
    }

    @GetMapping("/chart/dry-run")
    @Operation(summary = "Render and check that the manifests fit together: selectors, ports, envFrom, Ingress backends")
    DryRunResult dryRun(@RequestParam(defaultValue = "taskflow") String plan,
            @RequestParam(required = false) String values) {
        RenderedRelease rendered = releases.render(plan, values, List.of());
        return new DryRunResult(rendered, ManifestConsistency.findings(rendered.manifests()));
    }

    @PostMapping("/values-local")
    @Operation(summary = "Write values-local.yaml (mode 0600) from secrets.env; answers with fingerprints only")
    ValuesLocalFile valuesLocal() {
        return releases.writeValuesLocal();
    }

    @PostMapping("/install")
    @Operation(summary = "helm install --wait of the plan's release; 409 with the reason when Helm refuses or times out")
    ReleaseStatus install(@RequestBody(required = false) InstallRequest request) {
        return releases.install(request == null || request.plan() == null ? "taskflow" : request.plan(), null);
    }

    @PostMapping("/upgrade")
    @Operation(summary = "helm upgrade with the plan's values and --set pairs, e.g. {\"sets\":[\"backend.replicaCount=3\"]}")
    ReleaseStatus upgrade(@RequestBody UpgradeRequest request) {
        return releases.upgrade(request.plan() == null ? "taskflow" : request.plan(), request.sets());
    }

    @PostMapping("/rollback")
    @Operation(summary = "Deploy an earlier revision's chart and values again as a new revision (\"Rollback to N\")")
    ReleaseStatus rollback(@RequestBody RollbackRequest request) {
        return releases.rollback(request.revision());
    }

    @PostMapping("/test")
    @Operation(summary = "helm test: run the chart's test-connection Pod")
    ReleaseStatus test() {
        return releases.test();
    }

    @DeleteMapping
    @Operation(summary = "helm uninstall the release")
    String uninstall() {
        return releases.uninstall();
    }

    @GetMapping("/revisions/{revision}/manifest")
    @Operation(summary = "The manifest Helm applied for a revision, resource by resource; secrets hidden")
    List<Manifest> manifest(@PathVariable int revision) {
        return releases.manifest(revision);
    }

    @GetMapping("/diff")
    @Operation(summary = "Unified diffs, resource by resource, between two revisions; secrets hidden")
    ManifestDiff diff(@RequestParam int from, @RequestParam int to) {
        return releases.diff(from, to);
    }

    @PostMapping("/export")
    @Operation(summary = "Write the plan's rendered manifests as plain YAML files for kubectl apply; answers with the paths")
    List<String> export(@RequestParam(defaultValue = "taskflow") String plan) {
        return releases.export(plan).stream().map(Object::toString).toList();
    }
}
