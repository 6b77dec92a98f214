package dev.taskflow.panel.cluster;

import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceUsageCheckTests {

    static final String METRICS = "/apis/metrics.k8s.io/v1beta1/namespaces/test/pods?labelSelector=app%3Dtaskflow";

    static final String TWO_PODS = """
            {"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","items":[
             {"metadata":{"name":"taskflow-backend-1"},"containers":[{"name":"backend","usage":{"cpu":"250m","memory":"300Mi"}}]},
             {"metadata":{"name":"taskflow-frontend-1"},"containers":[{"name":"frontend","usage":{"cpu":"150m","memory":"100Mi"}}]}]}
            """;

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    final ResourceUsageCheck check = new ResourceUsageCheck(mock.cluster(), new ResourceMeter(mock.cluster()));

    @Test
    void usageUnderTheSeedsBudgetPassesWithEveryPodInTheEvidence() {
        // once per test: each test answers the same request its own way
        mock.server().expect().get().withPath(METRICS).andReturn(200, TWO_PODS).once();

        TaskOutcome outcome = check.run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("Within budget: 0.40 cores (max 2.00), 400.00 MiB (max 2048.00) over 2 pod(s).");
        assertThat(outcome.evidence()).singleElement().satisfies(evidence -> {
            assertThat(evidence.title()).isEqualTo("Pod metrics (metrics.k8s.io)");
            assertThat(evidence.values()).containsEntry("taskflow-backend-1", "250.00m CPU, 300.00 MiB")
                    .containsEntry("taskflow-frontend-1", "150.00m CPU, 100.00 MiB")
                    .containsEntry("total CPU", "0.40 cores of 2.00")
                    .containsEntry("total memory", "400.00 MiB of 2048.00");
        });
    }

    @Test
    void usageOverTheTasksOwnMemoryLimitFailsNamingTotalAndLimit() {
        mock.server().expect().get().withPath(METRICS).andReturn(200, TWO_PODS).once();

        TaskOutcome outcome = check.run(context(Map.of("maxMemoryMb", "256")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("Over budget: 0.40 cores (max 2.00), 400.00 MiB (max 256.00) over 2 pod(s).");
        assertThat(outcome.evidence().get(0).values()).containsEntry("total memory", "400.00 MiB of 256.00");
    }

    @Test
    void withoutMetricsServerItFailsSayingHowToEnableIt() {
        mock.server().expect().get().withPath(METRICS).andReturn(404, "{}").once();

        TaskOutcome outcome = check.run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("minikube addons enable metrics-server");
        assertThat(outcome.evidence()).isEmpty();
    }

    private static CheckContext context(Map<String, String> parameters) {
        return new CheckContext(new Plan("taskflow", "TaskFlow", "seed.md", "summary", List.of()), null, parameters,
                line -> {
                }, () -> false);
    }
}
