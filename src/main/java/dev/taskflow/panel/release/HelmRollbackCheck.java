package dev.taskflow.panel.release;

import java.util.List;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/** Rolls the release back to {@code revision} and proves the manifest is that revision's again. */
@Component
class HelmRollbackCheck implements Check {

    private final ReleaseService releases;

    HelmRollbackCheck(ReleaseService releases) {
        this.releases = releases;
    }

    @Override
    public String id() {
        return "helm-rollback";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        int target;
        try {
            target = Integer.parseInt(context.parameter("revision", "1").strip());
        }
        catch (NumberFormatException ex) {
            throw new InvalidRequestException("The task's revision parameter '" + context.parameter("revision", "")
                    + "' is not a number: set it to the revision to roll back to, e.g. 1.");
        }
        context.report("Rolling " + releases.release() + " back to revision " + target);
        ReleaseStatus status = releases.rollback(target);
        ManifestDiff sameAsTarget = releases.diff(target, status.revision());
        boolean restored = sameAsTarget.changedCount() == 0;
        return TaskOutcome.of(status.status().equals("deployed") && restored, restored
                ? "Rolled back to revision " + target + " as revision " + status.revision()
                        + "; its manifest equals revision " + target + "'s."
                : "Rolled back as revision " + status.revision() + ", but " + sameAsTarget.changedCount()
                        + " resource(s) differ from revision " + target + ": see the diff on the Release page.",
                List.of(ReleaseEvidence.of("rollback " + status.name() + " " + target, status)));
    }
}
