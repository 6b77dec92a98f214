package dev.taskflow.panel.release;

import java.util.List;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/** {@code helm test}: runs the chart's test-connection Pod against the installed release. */
@Component
class HelmTestCheck implements Check {

    private final ReleaseService releases;

    HelmTestCheck(ReleaseService releases) {
        this.releases = releases;
    }

    @Override
    public String id() {
        return "helm-test";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        ReleaseStatus status = releases.test();
        return TaskOutcome.passed("helm test " + status.name() + " passed (revision " + status.revision() + ").",
                ReleaseEvidence.of("helm test " + status.name(), status));
    }
}
