package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PodRestartsCheckTests {

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    final PodRestartsCheck check = new PodRestartsCheck(mock.cluster());

    @BeforeEach
    void noPods() {
        mock.client().pods().inNamespace(ClusterMock.NAMESPACE).withLabel("app", ClusterMock.APP).delete();
        await().until(() -> mock.client().pods().inNamespace(ClusterMock.NAMESPACE).withLabel("app", ClusterMock.APP)
                .list().getItems().isEmpty());
    }

    @Test
    void podsThatNeverRestartedPassWithTheirCountsAsEvidence() {
        mock.readyPod("backend-1", "backend", Duration.ZERO, Duration.ofSeconds(5));
        mock.readyPod("frontend-1", "frontend", Duration.ZERO, Duration.ofSeconds(5));

        TaskOutcome outcome = check.run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("None of the 2 pods restarted: the startup probe gives them enough time.");
        assertThat(outcome.evidence()).singleElement().satisfies(evidence -> {
            assertThat(evidence.title()).isEqualTo("Restarts per pod");
            assertThat(evidence.values()).containsOnlyKeys("backend-1", "frontend-1");
            assertThat(evidence.values().get("backend-1")).startsWith("0 restarts, ");
        });
    }

    @Test
    void aRestartedPodFailsNamingItsCountAndTheStartupProbeToRaise() {
        mock.readyPod("backend-1", "backend", Duration.ZERO, Duration.ofSeconds(5));
        mock.readyPod("backend-crashy", "backend", Duration.ZERO, Duration.ofSeconds(5));
        mock.client().pods().inNamespace(ClusterMock.NAMESPACE).withName("backend-crashy").editStatus(pod -> {
            pod.getStatus().getContainerStatuses().get(0).setRestartCount(3);
            return pod;
        });

        TaskOutcome outcome = check.run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("1 pod(s) restarted (backend-crashy ×3)")
                .contains("previous logs on the Cluster page", "startup probe's failureThreshold");
        assertThat(outcome.evidence().get(0).values().get("backend-crashy")).startsWith("3 restarts, ");
        assertThat(outcome.evidence().get(0).values().get("backend-1")).startsWith("0 restarts, ");
    }

    @Test
    void withoutPodsItFailsAskingForTheReleaseToBeInstalled() {
        TaskOutcome outcome = check.run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("There are no pods of the app to look at: install the release first.");
        assertThat(outcome.evidence()).singleElement().satisfies(evidence -> assertThat(evidence.values()).isEmpty());
    }

    private static CheckContext context() {
        return new CheckContext(new Plan("taskflow", "TaskFlow", "seed.md", "summary", List.of()), null, Map.of(),
                line -> {
                }, () -> false);
    }
}
