package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReadinessWaitTests {

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    static ReadinessWait readiness;

    final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void arrange() {
        mock.deploy("backend", 1);
        mock.deploy("frontend", 1);
        readiness = new ReadinessWait(mock.cluster(), new PodDiagnosis(mock.cluster()));
    }

    @AfterEach
    void clean() {
        background.shutdownNow();
        mock.client().pods().inNamespace(ClusterMock.NAMESPACE).delete();
        await().until(() -> mock.client().pods().inNamespace(ClusterMock.NAMESPACE).list().getItems().isEmpty());
    }

    @Test
    void waitsForTheBackendThenTheFrontendAndTimesEachPodAgainstItsBudget() throws Exception {
        mock.pod("taskflow-backend-1", "backend", Duration.ZERO);
        mock.pod("taskflow-frontend-1", "frontend", Duration.ZERO);
        List<String> progress = new CopyOnWriteArrayList<>();

        Future<ReadinessReport> waiting = background.submit(() -> readiness.await(ClusterMock.APP,
                List.of("frontend", "backend"), Duration.ofMinutes(2), Duration.ofSeconds(20), progress::add,
                () -> false));
        await().until(() -> progress.stream().anyMatch(line -> line.startsWith("backend: 0/1 Ready")));
        Instant backendReady = Instant.now();
        mock.markReady("taskflow-backend-1", backendReady);
        await().until(() -> progress.stream().anyMatch(line -> line.startsWith("frontend: 0/1 Ready")));
        mock.markReady("taskflow-frontend-1", Instant.now());
        ReadinessReport report = waiting.get();

        assertThat(report.ready()).isTrue();
        assertThat(report.components()).containsExactly("backend", "frontend");
        assertThat(report.timings()).extracting(PodStartupTiming::pod)
                .containsExactly("taskflow-backend-1", "taskflow-frontend-1");
        // the mock stamps creation itself, so the startup is measured against its stamp
        PodStartupTiming backend = report.timings().get(0);
        assertThat(backend.readyAt()).isEqualTo(backendReady);
        assertThat(backend.startup()).isEqualTo(Duration.between(backend.createdAt(), backendReady)).isPositive();
        assertThat(report.timings()).allMatch(PodStartupTiming::withinBudget);
        assertThat(report.deployment()).isEqualTo(Duration.between(backend.createdAt(),
                report.timings().get(1).readyAt()));
        assertThat(report.withinBudgets()).isTrue();
        assertThat(progress.indexOf("backend: 1/1 Ready")).isLessThan(progress.indexOf("frontend: 1/1 Ready"));
    }

    @Test
    void aPodSlowerThanItsBudgetIsReadyButOverBudget() throws Exception {
        mock.readyPod("taskflow-backend-slow", "backend", Duration.ofMinutes(4), Duration.ofMinutes(3));

        ReadinessReport report = readiness.await(ClusterMock.APP, List.of("backend"), Duration.ofMinutes(2),
                Duration.ofSeconds(5), line -> {
                }, () -> false);

        assertThat(report.ready()).isTrue();
        assertThat(report.timings().get(0).startup()).isEqualTo(Duration.ofMinutes(3));
        assertThat(report.timings().get(0).withinBudget()).isFalse();
        assertThat(report.withinBudgets()).isFalse();
    }

    @Test
    void stopsAtOnceWithTheDiagnosisWhenWaitingCannotHelp() throws Exception {
        mock.pod("taskflow-backend-noimage", "backend", Duration.ofSeconds(10));
        mock.client().pods().inNamespace(ClusterMock.NAMESPACE).withName("taskflow-backend-noimage").editStatus(pod -> {
            pod.getStatus().getContainerStatuses().get(0).setState(new ContainerStateBuilder().withNewWaiting()
                    .withReason("ErrImageNeverPull").endWaiting().build());
            return pod;
        });
        long started = System.nanoTime();

        ReadinessReport report = readiness.await(ClusterMock.APP, List.of("backend"), Duration.ofMinutes(2),
                Duration.ofMinutes(2), line -> {
                }, () -> false);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(report.ready()).isFalse();
        assertThat(report.diagnoses()).singleElement().satisfies(diagnosis -> {
            assertThat(diagnosis.problem()).isEqualTo("image-not-loaded");
            assertThat(diagnosis.headline()).contains("minikube image load taskflow-backend:1.0.0");
        });
    }

    @Test
    void givesUpAtTheLimitSayingThatNoPodExists() throws Exception {
        ReadinessReport report = readiness.await(ClusterMock.APP, List.of("backend"), Duration.ofMinutes(2),
                Duration.ofMillis(300), line -> {
                }, () -> false);

        assertThat(report.ready()).isFalse();
        assertThat(report.diagnoses()).singleElement().extracting(Diagnosis::headline).asString()
                .contains("No backend pod labelled app=taskflow", "helm install");
    }

    @Test
    void stopsWhenTheRunIsCancelled() throws Exception {
        mock.pod("taskflow-backend-2", "backend", Duration.ofSeconds(1));

        ReadinessReport report = readiness.await(ClusterMock.APP, List.of("backend"), Duration.ofMinutes(2),
                Duration.ofMinutes(2), line -> {
                }, () -> true);

        assertThat(report.ready()).isFalse();
        assertThat(report.diagnoses()).extracting(Diagnosis::problem).containsExactly("starting");
    }
}
