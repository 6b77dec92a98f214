package dev.taskflow.panel.secrets;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/** Seed TaskFlow T015: the database DATABASE_URL names accepts a connection before anything is deployed. */
@Component
class DatabaseProbeCheck implements Check {

    private final DatabaseProbe probe;

    DatabaseProbeCheck(DatabaseProbe probe) {
        this.probe = probe;
    }

    @Override
    public String id() {
        return "database-probe";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        DatabaseProbeResult result = probe.probe();
        return result.connected() ? TaskOutcome.passed(result.summary(), SecretsEvidence.probe(result))
                : TaskOutcome.failed(result.summary(), SecretsEvidence.probe(result));
    }
}
