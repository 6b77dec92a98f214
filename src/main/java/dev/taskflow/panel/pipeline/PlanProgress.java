package dev.taskflow.panel.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Where a plan stands across all its runs: each task's latest result, and each phase's checkpoint computed from
 * them. A checkpoint passes when every task of its phase passed (or a person marked it done); it fails when any of
 * them failed; a failed checkpoint stops later phases until it passes or a person overrides it.
 */
@Component
public class PlanProgress {

    private final RunStore runs;

    private final OverrideStore overrides;

    PlanProgress(RunStore runs, OverrideStore overrides) {
        this.runs = runs;
        this.overrides = overrides;
    }

    /**
     * Each task's latest finished result in the plan, by task id; tasks never run are absent. A task that is running
     * keeps its previous result here until it finishes (the live run shows it running).
     */
    public Map<String, TaskResult> latestResults(String planId) {
        Map<String, TaskResult> latest = new HashMap<>();
        List<RunRecord> oldestFirst = new ArrayList<>(runs.ofPlan(planId));
        java.util.Collections.reverse(oldestFirst);
        for (RunRecord run : oldestFirst) {
            for (TaskResult result : run.results()) {
                if (!result.status().finished()) {
                    continue;
                }
                TaskResult previous = latest.get(result.taskId());
                if (previous == null || isLater(result, previous)) {
                    latest.put(result.taskId(), result);
                }
            }
        }
        return latest;
    }

    public Optional<TaskResult> latestResult(String planId, String taskId) {
        return Optional.ofNullable(latestResults(planId).get(taskId));
    }

    public Checkpoint checkpoint(Plan plan, Phase phase) {
        return checkpoint(plan, phase, latestResults(plan.id()));
    }

    public List<Checkpoint> checkpoints(Plan plan) {
        Map<String, TaskResult> latest = latestResults(plan.id());
        return plan.phases().stream().map(phase -> checkpoint(plan, phase, latest)).toList();
    }

    /** The first earlier phase whose failed checkpoint stops this one, if any. */
    public Optional<Checkpoint> blockerOf(Plan plan, Phase phase) {
        Map<String, TaskResult> latest = latestResults(plan.id());
        for (Phase earlier : plan.phases()) {
            if (earlier.id().equals(phase.id())) {
                return Optional.empty();
            }
            Checkpoint checkpoint = checkpoint(plan, earlier, latest);
            if (checkpoint.blocksLaterPhases()) {
                return Optional.of(checkpoint);
            }
        }
        return Optional.empty();
    }

    private Checkpoint checkpoint(Plan plan, Phase phase, Map<String, TaskResult> latest) {
        int passed = 0;
        List<String> failing = new ArrayList<>();
        for (Task task : phase.tasks()) {
            TaskResult result = latest.get(task.id());
            if (result != null && result.status().satisfiesCheckpoint()) {
                passed++;
            }
            else if (result != null && result.status() == TaskStatus.FAILED) {
                failing.add(task.id());
            }
        }
        int total = phase.tasks().size();
        Optional<Checkpoint.Override> override = overrides.find(plan.id(), phase.id());
        CheckpointState state;
        if (passed == total) {
            state = CheckpointState.PASSED;
        }
        else if (!failing.isEmpty()) {
            state = override.isPresent() ? CheckpointState.OVERRIDDEN : CheckpointState.FAILED;
        }
        else {
            state = CheckpointState.PENDING;
        }
        return new Checkpoint(phase.id(), state, passed, total, failing,
                state == CheckpointState.OVERRIDDEN ? override.get() : null, Instant.now());
    }

    private static boolean isLater(TaskResult candidate, TaskResult previous) {
        Instant candidateTime = moment(candidate);
        Instant previousTime = moment(previous);
        return candidateTime != null && (previousTime == null || !candidateTime.isBefore(previousTime));
    }

    private static Instant moment(TaskResult result) {
        return result.finishedAt() != null ? result.finishedAt() : result.startedAt();
    }
}
