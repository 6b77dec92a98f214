package dev.taskflow.panel.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** Builds the views of plans that the API and the dashboards show, from the catalog and the recorded runs. */
@Service
public class PlanViews {

    private final PlanCatalog catalog;

    private final PlanProgress progress;

    private final RunStore runs;

    private final RunEngine engine;

    PlanViews(PlanCatalog catalog, PlanProgress progress, RunStore runs, RunEngine engine) {
        this.catalog = catalog;
        this.progress = progress;
        this.runs = runs;
        this.engine = engine;
    }

    public List<Plan> plans() {
        return catalog.plans();
    }

    /** The phase a task of a plan belongs to. */
    public String phaseOf(String planId, String taskId) {
        return catalog.plan(planId).phaseOf(catalog.task(planId, taskId).id()).id();
    }

    public PlanView view(String planId) {
        Plan plan = catalog.plan(planId);
        Map<String, TaskResult> latest = progress.latestResults(planId);
        List<Checkpoint> checkpoints = progress.checkpoints(plan);
        List<RunRecord> planRuns = runs.ofPlan(planId);
        List<PlanView.PhaseView> phases = new ArrayList<>();
        String blocker = null;
        int passed = 0;
        for (int i = 0; i < plan.phases().size(); i++) {
            Phase phase = plan.phases().get(i);
            Checkpoint checkpoint = checkpoints.get(i);
            passed += checkpoint.passed();
            Map<String, String> milestones = PlanView.milestones(phase);
            List<PlanView.TaskView> tasks = phase.tasks().stream().map(task -> taskView(task, milestones, latest)).toList();
            Optional<RunRecord> lastRun = planRuns.stream()
                    .filter(run -> run.results().stream().anyMatch(result -> result.phaseId().equals(phase.id())))
                    .findFirst();
            phases.add(new PlanView.PhaseView(phase.id(), phase.title(), phase.purpose(), phase.goal(), phase.checkpoint(),
                    phase.failureCondition(), checkpoint, blocker, lastRun.map(PlanView.RunSummary::of).orElse(null), tasks));
            if (blocker == null && checkpoint.blocksLaterPhases()) {
                blocker = phase.id();
            }
        }
        return new PlanView(plan.id(), plan.title(), plan.summary(), plan.taskCount(), passed, phases);
    }

    private PlanView.TaskView taskView(Task task, Map<String, String> milestones, Map<String, TaskResult> latest) {
        Task.SatisfiedBy by = task.satisfiedBy();
        return new PlanView.TaskView(task.id(), task.parallel(), task.story(), task.section(), task.description(),
                by.kind().label(), by.check(), engine.canRun(task), by.guidance(), by.path(), milestones.get(task.id()),
                latest.get(task.id()));
    }
}
