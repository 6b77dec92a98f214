package dev.taskflow.panel.contract;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContractDriftTests {

    private final OpenApiReader reader = new OpenApiReader();

    private final ApiContract frozen = reader.read(ContractFixtures.resource("taskflow-openapi.json"), "production",
            Instant.EPOCH);

    private final ApiContract drifted = reader.read(ContractFixtures.resource("taskflow-openapi-drifted.json"), "minikube",
            Instant.EPOCH);

    @Test
    void theSameContractHasNoDrift() {
        ContractDrift drift = ContractDrift.between(frozen, frozen);

        assertThat(drift.hasBreakingChanges()).isFalse();
        assertThat(drift.unchanged()).hasSize(11);
        assertThat(drift.headline()).isEqualTo("0 added, 0 removed, 0 changed, 11 unchanged");
    }

    @Test
    void findsAddedRemovedAndChangedEndpointsWithOldAndNewValues() {
        ContractDrift drift = ContractDrift.between(frozen, drifted);

        assertThat(drift.added()).extracting(ApiEndpoint::key).containsExactly("GET /api/v1/tasks/stats");
        assertThat(drift.removed()).extracting(ApiEndpoint::key).containsExactly("DELETE /api/v1/tasks/{task_id}");
        assertThat(drift.changed()).extracting(ContractDrift.EndpointChange::key)
                .containsExactly("GET /api/v1/auth/me", "POST /api/v1/auth/login", "POST /api/v1/tasks");
        assertThat(drift.changed().get(0).differences())
                .containsExactly(new ContractDrift.Difference("auth", "bearer token", "none"));
        assertThat(drift.changed().get(1).differences())
                .containsExactly(new ContractDrift.Difference("status codes", "200, 401, 422", "200, 401, 422, 429"));
        assertThat(drift.changed().get(2).differences())
                .containsExactly(new ContractDrift.Difference("body fields", "description, title",
                        "description, priority, title"));
        assertThat(drift.unchanged()).hasSize(7);
        assertThat(drift.hasBreakingChanges()).isTrue();
    }

    @Test
    void onlyAddedEndpointsAreNotBreaking() {
        ContractDrift drift = ContractDrift.between(frozen, new ApiContract("live", Instant.EPOCH,
                java.util.stream.Stream.concat(frozen.endpoints().stream(), java.util.stream.Stream.of(new ApiEndpoint(
                        "GET", "/api/v1/extra", false, null, null, null, null))).toList()));

        assertThat(drift.added()).hasSize(1);
        assertThat(drift.hasBreakingChanges()).isFalse();
    }

    @Test
    void rowsPutBothSidesTogetherInPathOrder() {
        ContractDrift drift = ContractDrift.between(frozen, drifted);

        assertThat(drift.rows()).hasSize(12);
        assertThat(drift.rows()).filteredOn(row -> row.state().equals("removed")).singleElement()
                .satisfies(row -> assertThat(row.live()).isNull());
        assertThat(drift.rows()).filteredOn(row -> row.state().equals("added")).singleElement()
                .satisfies(row -> assertThat(row.frozen()).isNull());
        assertThat(drift.rows()).filteredOn(row -> row.state().equals("changed"))
                .anySatisfy(row -> assertThat(row.differs("auth")).isTrue());
        assertThat(drift.rows().get(0).frozen().key()).isEqualTo("POST /api/v1/auth/login");
    }
}
