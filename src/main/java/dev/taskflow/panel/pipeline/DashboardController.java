package dev.taskflow.panel.pipeline;

import java.util.List;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The cockpit pages: a plan's overview, a phase's task table, runs. Run buttons post with htmx and get back the
 * live run card, which follows the run over SSE without reloading the page.
 */
@Controller
class DashboardController {

    private final PlanViews views;

    private final RunService runs;

    private final RunEventStreams streams;

    private final RunEventHtml html;

    DashboardController(PlanViews views, RunService runs, RunEventStreams streams, RunEventHtml html) {
        this.views = views;
        this.runs = runs;
        this.streams = streams;
        this.html = html;
    }

    @GetMapping("/plans/{plan}")
    String overview(@PathVariable String plan, Model model) {
        model.addAttribute("plan", views.view(plan));
        model.addAttribute("recentRuns", runs.runs(plan).stream().limit(5).toList());
        return "pipeline/overview";
    }

    @HxRequest
    @GetMapping("/plans/{plan}")
    String overviewPhases(@PathVariable String plan, Model model) {
        model.addAttribute("plan", views.view(plan));
        return "pipeline/overview :: phases";
    }

    @GetMapping("/plans/{plan}/phases/{phase}")
    String phase(@PathVariable String plan, @PathVariable String phase, Model model) {
        PlanView view = views.view(plan);
        model.addAttribute("plan", view);
        model.addAttribute("phase", phaseOf(view, plan, phase));
        return "pipeline/phase";
    }

    @HxRequest
    @GetMapping("/plans/{plan}/phases/{phase}")
    String phaseTable(@PathVariable String plan, @PathVariable String phase, Model model) {
        phase(plan, phase, model);
        return "pipeline/phase :: task-table";
    }

    @PostMapping("/plans/{plan}/run")
    String runPlan(@PathVariable String plan, HtmxRequest htmx, Model model) {
        return started(runs.start(new RunRequest(plan, null, List.of())), htmx, model);
    }

    @PostMapping("/plans/{plan}/phases/{phase}/run")
    String runPhase(@PathVariable String plan, @PathVariable String phase, HtmxRequest htmx, Model model) {
        return started(runs.start(new RunRequest(plan, phase, List.of())), htmx, model);
    }

    @PostMapping("/plans/{plan}/tasks/{task}/run")
    String runTask(@PathVariable String plan, @PathVariable String task, HtmxRequest htmx, Model model) {
        return started(runs.start(new RunRequest(plan, null, List.of(task))), htmx, model);
    }

    @PostMapping("/plans/{plan}/tasks/{task}/done")
    String markDone(@PathVariable String plan, @PathVariable String task, @RequestParam(defaultValue = "") String note,
            HtmxRequest htmx, Model model) {
        runs.markDone(plan, task, note);
        String phaseId = views.phaseOf(plan, task);
        if (!htmx.isHtmxRequest()) {
            return "redirect:/plans/" + plan + "/phases/" + phaseId;
        }
        phase(plan, phaseId, model);
        return "pipeline/phase :: task-table";
    }

    @PostMapping("/plans/{plan}/phases/{phase}/override")
    String override(@PathVariable String plan, @PathVariable String phase, @RequestParam(defaultValue = "") String reason,
            HtmxRequest htmx, Model model) {
        runs.override(plan, phase, reason);
        return afterCheckpointChange(plan, htmx, model);
    }

    @PostMapping("/plans/{plan}/phases/{phase}/override/withdraw")
    String withdraw(@PathVariable String plan, @PathVariable String phase, HtmxRequest htmx, Model model) {
        runs.withdrawOverride(plan, phase);
        return afterCheckpointChange(plan, htmx, model);
    }

    @GetMapping("/runs")
    String runList(@RequestParam(required = false) String plan, Model model) {
        model.addAttribute("runs", plan == null ? runs.runs() : runs.runs(plan));
        model.addAttribute("planFilter", plan);
        return "pipeline/runs";
    }

    @GetMapping("/runs/{id}")
    String run(@PathVariable String id, Model model) {
        RunRecord run = runs.run(id);
        model.addAttribute("run", run);
        model.addAttribute("tasks", html.tasksOf(run.plan()));
        return "pipeline/run";
    }

    @GetMapping(path = "/runs/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream(@PathVariable String id,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return streams.html(id, lastEventId, html.forRun(runs.run(id)));
    }

    @PostMapping("/runs/{id}/cancel")
    String cancel(@PathVariable String id, HtmxRequest htmx, Model model) {
        RunRecord run = runs.cancel(id);
        if (!htmx.isHtmxRequest()) {
            return "redirect:/runs/" + id;
        }
        model.addAttribute("run", run);
        return "pipeline/fragments :: run-header";
    }

    private String started(RunRecord run, HtmxRequest htmx, Model model) {
        if (!htmx.isHtmxRequest()) {
            return "redirect:/runs/" + run.id();
        }
        model.addAttribute("run", run);
        model.addAttribute("tasks", html.tasksOf(run.plan()));
        return "pipeline/fragments :: run-card";
    }

    private String afterCheckpointChange(String plan, HtmxRequest htmx, Model model) {
        if (!htmx.isHtmxRequest()) {
            return "redirect:/plans/" + plan;
        }
        model.addAttribute("plan", views.view(plan));
        return "pipeline/overview :: phases";
    }

    private static PlanView.PhaseView phaseOf(PlanView view, String plan, String phase) {
        return view.phases().stream().filter(candidate -> candidate.id().equals(phase)).findFirst()
                .orElseThrow(() -> new PlanElementNotFoundException("phase", phase,
                        view.phases().stream().map(PlanView.PhaseView::id).toList()));
    }
}
