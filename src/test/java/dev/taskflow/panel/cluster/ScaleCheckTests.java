package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class ScaleCheckTests {

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    static ScaleCheck check;

    final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void arrange() {
        mock.deploy("backend", 1);
        mock.deploy("frontend", 1);
        mock.readyPod("backend-a", "backend", Duration.ZERO, Duration.ofSeconds(5));
        ClusterService cluster = mock.cluster();
        PodExec exec = new PodExec(cluster);
        check = new ScaleCheck(cluster, new Scaling(cluster, new ReadinessWait(cluster, new PodDiagnosis(cluster)),
                exec, new InPodChecks(cluster, exec, new SecretMasker()), () -> "scale-check"));
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void scalingTheBackendPassesOnceTheNewReplicaIsReadyWithItsStartupAsEvidence() throws Exception {
        int from = replicas("taskflow-backend");
        List<String> progress = new CopyOnWriteArrayList<>();
        Future<TaskOutcome> running = background.submit(() -> check.run(context(Map.of("replicas", String
                .valueOf(from + 1)), progress, false)));
        await().until(() -> progress.stream().anyMatch(line -> line.startsWith("backend: " + from + "/" + (from + 1)
                + " Ready")));
        // the mock runs no controller: the test plays the ReplicaSet and the kubelet
        mock.readyPod("backend-new", "backend", Duration.ZERO, Duration.ofSeconds(3));

        TaskOutcome outcome = running.get();

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).startsWith("taskflow-backend scaled from " + from + " to " + (from + 1) + "; "
                + (from + 1) + " pod(s) Running and Ready");
        assertThat(progress).contains("Scaling taskflow-backend from " + from + " to " + (from + 1) + " replicas");
        assertThat(outcome.evidence().get(0)).isEqualTo(Evidence.measurement("Scaled taskflow-backend", Map.of("from",
                String.valueOf(from), "to", String.valueOf(from + 1))));
        assertThat(outcome.evidence()).extracting(Evidence::title).contains("Startup of pod backend-a",
                "Startup of pod backend-new");
    }

    @Test
    void replicasThatDoNotGetReadyFailSayingHowManyWereAskedFor() throws Exception {
        int from = replicas("taskflow-backend");

        // a cancelled run stops waiting at once, as a run whose pods never get Ready does at its budget
        TaskOutcome outcome = check.run(context(Map.of("replicas", "4"), new CopyOnWriteArrayList<>(), true));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("taskflow-backend did not get 4 Ready replicas: ");
        assertThat(outcome.evidence().get(0).values()).containsEntry("from", String.valueOf(from))
                .containsEntry("to", "4");
        assertThat(replicas("taskflow-backend")).isEqualTo(4);
        mock.client().apps().deployments().inNamespace(ClusterMock.NAMESPACE).withName("taskflow-backend").scale(from);
    }

    @Test
    void scalingToZeroPassesWithoutWaitingForPods() throws Exception {
        TaskOutcome outcome = check.run(context(Map.of("component", "frontend", "replicas", "0"),
                new CopyOnWriteArrayList<>(), false));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("taskflow-frontend scaled from 1 to 0; no pods asked for.");
        assertThat(outcome.evidence()).hasSize(1);
    }

    @Test
    void aReplicaCountThatIsNotANumberIsRefused() {
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> check.run(context(Map.of("replicas", "two"), new CopyOnWriteArrayList<>(), false)))
                .withMessage("replicas must be a whole number, not 'two'.");
    }

    private static int replicas(String deployment) {
        return mock.client().apps().deployments().inNamespace(ClusterMock.NAMESPACE).withName(deployment).get()
                .getSpec().getReplicas();
    }

    private static CheckContext context(Map<String, String> parameters, List<String> progress, boolean cancelled) {
        return new CheckContext(new Plan("taskflow", "TaskFlow", "seed.md", "summary", List.of()), null, parameters,
                progress::add, () -> cancelled);
    }
}
