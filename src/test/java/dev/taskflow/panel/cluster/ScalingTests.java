package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class ScalingTests {

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    static Scaling scaling;

    final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void arrange() {
        mock.deploy("backend", 1);
        mock.deploy("frontend", 1);
        mock.readyPod("backend-a", "backend", Duration.ZERO, Duration.ofSeconds(5));
        mock.readyPod("frontend-a", "frontend", Duration.ZERO, Duration.ofSeconds(5));
        ClusterService cluster = mock.cluster();
        PodExec exec = new PodExec(cluster);
        scaling = new Scaling(cluster, new ReadinessWait(cluster, new PodDiagnosis(cluster)), exec,
                new InPodChecks(cluster, exec, new SecretMasker()), () -> "lb-fixed");
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void scalingTheBackendWaitsUntilTheNewReplicaIsReady() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        Future<ScaleResult> scaled = background.submit(() -> scaling.scale(ClusterMock.APP, "backend", 2,
                progress::add, () -> false));
        await().until(() -> progress.stream().anyMatch(line -> line.startsWith("backend: 1/2 Ready")));
        // the mock runs no controller: the test plays the ReplicaSet and the kubelet
        mock.readyPod("backend-b", "backend", Duration.ZERO, Duration.ofSeconds(3));

        ScaleResult result = scaled.get();

        assertThat(result.from()).isEqualTo(1);
        assertThat(result.to()).isEqualTo(2);
        assertThat(result.readiness().ready()).isTrue();
        assertThat(result.readiness().timings()).extracting(PodStartupTiming::pod)
                .containsExactlyInAnyOrder("backend-a", "backend-b");
        assertThat(mock.client().apps().deployments().inNamespace(ClusterMock.NAMESPACE).withName("taskflow-backend")
                .get().getSpec().getReplicas()).isEqualTo(2);

        mock.client().pods().inNamespace(ClusterMock.NAMESPACE).withName("backend-b").delete();
        await().until(() -> mock.client().pods().inNamespace(ClusterMock.NAMESPACE).withName("backend-b")
                .get() == null);
        ScaleResult back = scaling.scale(ClusterMock.APP, "backend", 1, line -> {
        }, () -> false);
        assertThat(back.readiness().ready()).isTrue();
        assertThat(back.from()).isEqualTo(2);
    }

    @Test
    void theLoadSpreadIsAttributedToPodsByTheirAccessLogsAndTheBackendIsScaledBack() throws Exception {
        mock.readyPod("backend-c", "backend", Duration.ZERO, Duration.ofSeconds(3));
        String prefix = "http://taskflow-backend-service:8000/health?panel=lb-fixed-";
        mock.exec("frontend-a", "frontend", InPodCommand.requestSeries(prefix, 6).get(0).argv(),
                "200\n200\n200\n200\n200\n200\n", 0);
        mock.log("backend-a", "backend", 200, access(0) + probe() + access(2) + access(4), false);
        mock.log("backend-c", "backend", 200, access(1) + access(3) + access(5) + probe(), false);

        LoadSpread spread = scaling.loadBalance(ClusterMock.APP, 2, line -> {
        }, () -> false);

        assertThat(spread.perPod()).containsEntry("backend-a", 3).containsEntry("backend-c", 3);
        assertThat(spread.balanced()).isTrue();
        assertThat(spread.answered()).isEqualTo(6);
        assertThat(spread.unattributed()).isZero();
        assertThat(spread.from()).isEqualTo("frontend-a");
        assertThat(spread.tool()).isEqualTo("used node");
        assertThat(mock.client().apps().deployments().inNamespace(ClusterMock.NAMESPACE).withName("taskflow-backend")
                .get().getSpec().getReplicas()).isEqualTo(spread.scaledBackTo());
        mock.client().pods().inNamespace(ClusterMock.NAMESPACE).withName("backend-c").delete();
    }

    @Test
    void requestsThatAllLandOnOnePodAreNotBalanced() {
        LoadSpread spread = new LoadSpread(2, 6, 6, java.util.Map.of("backend-a", 6, "backend-c", 0), 0, "frontend-a",
                "used node", "lb-x", 1);

        assertThat(spread.balanced()).isFalse();
    }

    @Test
    void refusesReplicaCountsALaptopClusterCannotHold() {
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> scaling.scale(ClusterMock.APP, "backend", 40, line -> {
                }, () -> false)).withMessageContaining("between 0 and 10");
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> scaling.loadBalance(ClusterMock.APP, 1, line -> {
                }, () -> false)).withMessageContaining("at least 2");
    }

    private static String access(int request) {
        return "INFO:     10.244.0.9:5" + request + "000 - \"GET /health?panel=lb-fixed-" + request
                + " HTTP/1.1\" 200 OK\n";
    }

    private static String probe() {
        return "INFO:     10.244.0.1:40000 - \"GET /health HTTP/1.1\" 200 OK\n";
    }
}
