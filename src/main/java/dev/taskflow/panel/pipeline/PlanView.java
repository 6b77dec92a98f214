package dev.taskflow.panel.pipeline;

import java.util.List;
import java.util.Map;

/**
 * A plan as the API and pages show it: every phase with its checkpoint and every task with its latest result.
 *
 * @param id      the plan's id
 * @param title   its name
 * @param summary what it deploys
 * @param tasks   how many tasks it has
 * @param passed  how many of them count as done
 * @param phases  its phases
 */
public record PlanView(String id, String title, String summary, int tasks, int passed, List<PhaseView> phases) {

    /**
     * @param id               the phase id
     * @param title            its heading
     * @param purpose          its purpose
     * @param goal             its goal
     * @param checkpointText   what its checkpoint demands
     * @param failureCondition when the seed says STOP
     * @param checkpoint       where its checkpoint stands
     * @param blockedBy        the earlier phase whose failed checkpoint stops this one, if any
     * @param lastRun          the latest run that covered any of its tasks, if any
     * @param tasks            its tasks
     */
    public record PhaseView(String id, String title, String purpose, String goal, String checkpointText,
            String failureCondition, Checkpoint checkpoint, String blockedBy, RunSummary lastRun, List<TaskView> tasks) {
    }

    /**
     * @param id          the task id
     * @param parallel    whether the seed marks it [P]
     * @param story       its user story
     * @param section     the seed's sub-heading
     * @param description the seed's text
     * @param kind        automated, manual or artifact
     * @param check       the check that does it
     * @param automated   whether the panel can do it now
     * @param guidance    what a person does
     * @param path        the shipped file, for artifacts
     * @param milestone   a mid-phase checkpoint that follows this task, if any
     * @param latest      its latest result, if it ever ran
     */
    public record TaskView(String id, boolean parallel, String story, String section, String description, String kind,
            String check, boolean automated, String guidance, String path, String milestone, TaskResult latest) {

        public String statusLabel() {
            if (latest != null) {
                return latest.status().label();
            }
            return automated ? "not-run" : ("manual".equals(kind) ? "manual-pending" : "not-automated");
        }

        /** Whether a person may record it as done by hand. */
        public boolean doneByHand() {
            return PlanView.doneByHand(kind, automated, latest != null && latest.status() == TaskStatus.SKIPPED);
        }
    }

    /**
     * @param id        the run
     * @param status    where it stands
     * @param scope     what it covered
     * @param createdAt when it was asked for
     */
    public record RunSummary(String id, RunStatus status, String scope, java.time.Instant createdAt) {

        static RunSummary of(RunRecord run) {
            return new RunSummary(run.id(), run.status(), run.scope().describe(), run.createdAt());
        }
    }

    /**
     * A person may record a task as done by hand when it is manual, when the panel has no check for it yet, or when
     * the panel's check had to skip it here (no browser, no frontend URL).
     */
    static boolean doneByHand(Task task, boolean panelCanRun, boolean skippedHere) {
        return doneByHand(task.satisfiedBy().kind().label(), panelCanRun, skippedHere);
    }

    static boolean doneByHand(String kind, boolean panelCanRun, boolean skippedHere) {
        return "manual".equals(kind) || (!"artifact".equals(kind) && (!panelCanRun || skippedHere));
    }

    public PhaseView phase(String phaseId) {
        return phases.stream().filter(phase -> phase.id().equals(phaseId)).findFirst().orElseThrow();
    }

    static Map<String, String> milestones(Phase phase) {
        return phase.milestones().stream()
                .collect(java.util.stream.Collectors.toMap(Phase.Milestone::after, Phase.Milestone::text));
    }
}
