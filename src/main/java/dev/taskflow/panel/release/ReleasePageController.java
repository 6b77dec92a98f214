package dev.taskflow.panel.release;

import java.util.Arrays;
import java.util.List;

import dev.taskflow.panel.pipeline.PlanCatalog;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Release page: status, revision history with who and what changed, the diff between two revisions, and the
 * actions (lint, render, scan, values-local, install, upgrade with {@code --set}, test, roll back, uninstall). Each
 * htmx action answers with the result card and tells the page to reload the history.
 */
@Controller
class ReleasePageController {

    /** The client event that makes the history card reload itself. */
    static final String RELEASE_CHANGED = "release-changed";

    private final ReleaseService releases;

    private final PlanCatalog catalog;

    ReleasePageController(ReleaseService releases, PlanCatalog catalog) {
        this.releases = releases;
        this.catalog = catalog;
    }

    @GetMapping("/release")
    String page(@RequestParam(defaultValue = "taskflow") String plan, Model model) {
        model.addAttribute("plan", catalog.plan(plan));
        model.addAttribute("release", releases.release());
        model.addAttribute("namespace", releases.namespace());
        model.addAttribute("chartPath", chartOrProblem(model));
        history(model);
        return "release/release";
    }

    @HxRequest
    @GetMapping("/release/history")
    String historyFragment(Model model) {
        history(model);
        return "release/release :: history";
    }

    @HxRequest
    @GetMapping("/release/diff")
    String diff(@RequestParam int from, @RequestParam int to, Model model) {
        model.addAttribute("diff", releases.diff(from, to));
        return "release/fragments :: diff";
    }

    @HxRequest
    @GetMapping("/release/revisions/{revision}/manifest")
    String manifest(@PathVariable int revision, Model model) {
        model.addAttribute("title", "Manifest of revision " + revision + " (secrets hidden)");
        model.addAttribute("yaml", RenderedManifests.join(releases.manifest(revision)));
        return "release/fragments :: yaml";
    }

    @HxRequest
    @PostMapping("/release/lint")
    String lint(@RequestParam(defaultValue = "false") boolean strict, Model model) {
        model.addAttribute("lint", releases.lint(strict));
        return "release/fragments :: lint";
    }

    @HxRequest
    @PostMapping("/release/render")
    String render(@RequestParam(defaultValue = "taskflow") String plan,
            @RequestParam(required = false) String values, Model model) {
        RenderedRelease rendered = releases.render(plan, values, List.of());
        model.addAttribute("title", "helm template with " + (rendered.valuesFiles().isEmpty() ? "the chart's values"
                : String.join(", ", rendered.valuesFiles())) + " (secrets hidden)");
        model.addAttribute("yaml", rendered.yaml());
        return "release/fragments :: yaml";
    }

    @HxRequest
    @PostMapping("/release/scan")
    String scan(@RequestParam(defaultValue = "taskflow") String plan, Model model) {
        model.addAttribute("scan", releases.scan(plan));
        return "release/fragments :: scan";
    }

    @HxRequest
    @PostMapping("/release/values-local")
    String valuesLocal(Model model) {
        model.addAttribute("valuesLocal", releases.writeValuesLocal());
        return "release/fragments :: values-local";
    }

    @HxRequest
    @PostMapping("/release/install")
    String install(@RequestParam(defaultValue = "taskflow") String plan, Model model, HtmxResponse htmx) {
        return done("Installed", releases.install(plan, null), model, htmx);
    }

    @HxRequest
    @PostMapping("/release/upgrade")
    String upgrade(@RequestParam(defaultValue = "taskflow") String plan,
            @RequestParam(defaultValue = "") String sets, Model model, HtmxResponse htmx) {
        return done("Upgraded", releases.upgrade(plan, Arrays.asList(sets.split("\\R"))), model, htmx);
    }

    @HxRequest
    @PostMapping("/release/rollback")
    String rollback(@RequestParam int revision, Model model, HtmxResponse htmx) {
        return done("Rolled back to revision " + revision, releases.rollback(revision), model, htmx);
    }

    @HxRequest
    @PostMapping("/release/test")
    String test(Model model) {
        model.addAttribute("headline", "helm test passed");
        model.addAttribute("status", releases.test());
        return "release/fragments :: status";
    }

    @HxRequest
    @PostMapping("/release/uninstall")
    String uninstall(Model model, HtmxResponse htmx) {
        model.addAttribute("headline", "Uninstalled");
        model.addAttribute("said", releases.uninstall());
        htmx.addTrigger(RELEASE_CHANGED);
        return "release/fragments :: status";
    }

    private String done(String headline, ReleaseStatus status, Model model, HtmxResponse htmx) {
        model.addAttribute("headline", headline);
        model.addAttribute("status", status);
        htmx.addTrigger(RELEASE_CHANGED);
        return "release/fragments :: status";
    }

    private void history(Model model) {
        ReleaseOverview overview = releases.overview();
        model.addAttribute("overview", overview);
    }

    private String chartOrProblem(Model model) {
        try {
            return releases.chart().toString();
        }
        catch (RuntimeException ex) {
            model.addAttribute("chartProblem", ex.getMessage());
            return null;
        }
    }
}
