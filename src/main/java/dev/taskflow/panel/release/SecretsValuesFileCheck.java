package dev.taskflow.panel.release;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/** Writes {@code values-local.yaml} from {@code secrets.env}; the evidence holds fingerprints, never values. */
@Component
class SecretsValuesFileCheck implements Check {

    private final ReleaseService releases;

    SecretsValuesFileCheck(ReleaseService releases) {
        this.releases = releases;
    }

    @Override
    public String id() {
        return "secrets-values-file";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        ValuesLocalFile written = releases.writeValuesLocal();
        Evidence evidence = Evidence.measurement("values-local.yaml (mode 0600) at " + written.path(),
                written.fingerprints());
        if (!written.missing().isEmpty()) {
            return TaskOutcome.failed("Wrote " + written.path() + ", but secrets.env does not set "
                    + String.join(", ", written.missing()) + ": add them and run this task again.", evidence);
        }
        return TaskOutcome.passed("Wrote " + written.path() + " with " + written.fingerprints().size()
                + " secret values (mode 0600).", evidence);
    }
}
