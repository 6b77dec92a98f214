package dev.taskflow.panel.pipeline;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The plans, their phases and tasks with their latest status; manual records and checkpoint overrides. */
@RestController
@RequestMapping("/api/plans")
@Tag(name = "Plans", description = "The seed plans with each task's latest status")
class PlanApiController {

    private final PlanViews views;

    private final RunService runs;

    PlanApiController(PlanViews views, RunService runs) {
        this.views = views;
        this.runs = runs;
    }

    /**
     * @param id     the plan id
     * @param title  its name
     * @param phases how many phases
     * @param tasks  how many tasks
     * @param passed how many tasks count as done
     */
    record PlanListing(String id, String title, int phases, int tasks, int passed) {
    }

    /** @param note what the person did, kept as evidence */
    record ManualDone(String note) {
    }

    /** @param reason why the failed checkpoint may be passed over */
    record OverrideRequest(String reason) {
    }

    @GetMapping
    @Operation(summary = "List the plans with their task counts")
    List<PlanListing> plans() {
        return views.plans().stream().map(plan -> {
            PlanView view = views.view(plan.id());
            return new PlanListing(plan.id(), plan.title(), plan.phases().size(), plan.taskCount(), view.passed());
        }).toList();
    }

    @GetMapping("/{plan}")
    @Operation(summary = "One plan: phases, checkpoints and tasks with their latest status")
    PlanView plan(@PathVariable String plan) {
        return views.view(plan);
    }

    @PostMapping("/{plan}/tasks/{task}/done")
    @Operation(summary = "Record that a person did a manual (or not yet automated) task, with a note")
    RunRecord markDone(@PathVariable String plan, @PathVariable String task, @RequestBody ManualDone body) {
        return runs.markDone(plan, task, body.note());
    }

    @PostMapping("/{plan}/phases/{phase}/override")
    @Operation(summary = "Let later phases run although this phase's checkpoint failed; the reason is recorded")
    Checkpoint override(@PathVariable String plan, @PathVariable String phase, @RequestBody OverrideRequest body) {
        return runs.override(plan, phase, body.reason());
    }

    @DeleteMapping("/{plan}/phases/{phase}/override")
    @Operation(summary = "Withdraw an override: the failed checkpoint blocks again")
    Checkpoint withdraw(@PathVariable String plan, @PathVariable String phase) {
        return runs.withdrawOverride(plan, phase);
    }
}
