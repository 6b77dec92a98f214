package dev.taskflow.panel.contract;

import java.nio.file.Path;
import java.util.Map;

import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ContractFreezeCheckTests {

    @TempDir
    Path folder;

    @Test
    void freezesProductionsElevenEndpoints() {
        try (ContractFixtures.StandIn production = new ContractFixtures.StandIn()) {
            production.serve("/openapi.json", 200, "application/json", ContractFixtures.resource("taskflow-openapi.json"));

            TaskOutcome outcome = check(production).run(ContractFixtures.context(Map.of("expectedEndpoints", "11")));

            assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
            assertThat(outcome.summary()).startsWith("Froze 11 endpoints from " + production.base() + "/openapi.json");
            assertThat(outcome.evidence()).extracting(Evidence::kind).containsExactly(Evidence.Kind.HTTP,
                    Evidence.Kind.MEASUREMENT, Evidence.Kind.FILE, Evidence.Kind.FILE);
        }
    }

    @Test
    void failsNamingEachMissingEndpointButStillWritesTheFiles() {
        try (ContractFixtures.StandIn production = new ContractFixtures.StandIn()) {
            String withoutChat = ContractFixtures.resource("taskflow-openapi.json").replace("\"/api/v1/chat\"", "\"/api/v1/talk\"");
            production.serve("/openapi.json", 200, "application/json", withoutChat);

            TaskOutcome outcome = check(production).run(ContractFixtures.context(Map.of("expectedEndpoints", "11")));

            assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(outcome.summary()).contains("missing 1 expected endpoint(s): POST /api/v1/chat")
                    .contains("the freeze files were written");
            assertThat(folder.resolve("workspace/contracts/contracts-freeze.json")).exists();
            assertThat(folder.resolve("workspace/contracts/contracts-freeze.md")).exists();
        }
    }

    @Test
    void anUnreachableProductionFreezesNothing() {
        ContractFixtures.StandIn production = new ContractFixtures.StandIn();
        ContractFreezeCheck check = check(production);
        production.close();

        TaskOutcome outcome = check.run(ContractFixtures.context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("Nothing answers at").endsWith("Nothing was frozen.");
        assertThat(folder.resolve("workspace/contracts/contracts-freeze.json")).doesNotExist();
    }

    private ContractFreezeCheck check(ContractFixtures.StandIn production) {
        ContractService service = new ContractService(ContractFixtures.properties(folder.resolve("app")),
                ContractFixtures.workspace(folder.resolve("workspace")));
        return new ContractFreezeCheck(service, new ContractTargets(ContractFixtures.registry(
                Map.of("production", production.base()))));
    }
}
