package dev.taskflow.panel.contract;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ContractDriftCheckTests {

    @TempDir
    Path folder;

    @Test
    void passesWhenTheTargetServesTheFrozenContract() {
        try (ContractFixtures.StandIn minikube = new ContractFixtures.StandIn()) {
            minikube.serve("/openapi.json", 200, "application/json", ContractFixtures.resource("taskflow-openapi.json"));

            TaskOutcome outcome = check(minikube, true).run(ContractFixtures.context(Map.of()));

            assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
            assertThat(outcome.summary()).contains("'minikube' matches the frozen contract (0 added, 0 removed, 0 changed");
        }
    }

    @Test
    void failsOnRemovedOrChangedEndpoints() {
        try (ContractFixtures.StandIn minikube = new ContractFixtures.StandIn()) {
            minikube.serve("/openapi.json", 200, "application/json",
                    ContractFixtures.resource("taskflow-openapi-drifted.json"));

            TaskOutcome outcome = check(minikube, true).run(ContractFixtures.context(Map.of("target", "minikube")));

            assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(outcome.summary()).contains("1 added, 1 removed, 3 changed");
            assertThat(outcome.evidence().get(1).body()).contains("removed: DELETE /api/v1/tasks/{task_id}")
                    .contains("changed: GET /api/v1/auth/me auth: bearer token → none");
        }
    }

    @Test
    void failsAskingForAFreezeWhenNothingIsFrozen() {
        try (ContractFixtures.StandIn minikube = new ContractFixtures.StandIn()) {
            TaskOutcome outcome = check(minikube, false).run(ContractFixtures.context(Map.of()));

            assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(outcome.summary()).contains("No contract has been frozen yet");
        }
    }

    private ContractDriftCheck check(ContractFixtures.StandIn minikube, boolean freeze) {
        ContractService service = new ContractService(ContractFixtures.properties(folder.resolve("app")),
                ContractFixtures.workspace(folder.resolve("workspace")));
        if (freeze) {
            service.freeze(new OpenApiReader().read(ContractFixtures.resource("taskflow-openapi.json"), "production",
                    Instant.EPOCH));
        }
        return new ContractDriftCheck(service, new ContractTargets(ContractFixtures.registry(
                Map.of("minikube", minikube.base()))));
    }
}
