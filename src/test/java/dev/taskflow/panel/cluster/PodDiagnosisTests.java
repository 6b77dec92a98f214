package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class PodDiagnosisTests {

    static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    @Test
    void aCrashLoopGivesTheExitCodeAndTheLastLinesOfThePreviousRun() {
        Pod pod = pod(new ContainerStatusBuilder().withName("backend").withRestartCount(4).withReady(false)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(3).withReason("Error").endTerminated()
                .endLastState().build());

        Diagnosis diagnosis = PodDiagnosis.diagnose(pod, List.of(), (container, previous) -> previous
                ? List.of("Starting", "sqlalchemy.exc.OperationalError: could not connect") : List.of(), NOW);

        assertThat(diagnosis.problem()).isEqualTo("crash-loop");
        assertThat(diagnosis.exitCode()).isEqualTo(3);
        assertThat(diagnosis.headline()).contains("exit code 3", "4 restarts",
                "last line: sqlalchemy.exc.OperationalError: could not connect");
        assertThat(diagnosis.evidence()).hasSize(2);
        assertThat(diagnosis.isHopeless()).isTrue();
    }

    @Test
    void anImageMinikubeDoesNotHaveSaysToLoadItIntoMinikube() {
        Pod pod = pod(new ContainerStatusBuilder().withName("backend").withImage("taskflow-backend:1.0.0")
                .withRestartCount(0).withReady(false).withNewState().withNewWaiting().withReason("ErrImageNeverPull")
                .withMessage("Container image \"taskflow-backend:1.0.0\" is not present with pull policy of Never")
                .endWaiting().endState().build());

        Diagnosis diagnosis = PodDiagnosis.diagnose(pod, List.of(), (container, previous) -> List.of(), NOW);

        assertThat(diagnosis.problem()).isEqualTo("image-not-loaded");
        assertThat(diagnosis.headline()).contains("not loaded into Minikube",
                "minikube image load taskflow-backend:1.0.0");
    }

    @Test
    void imagePullBackOffIsTheSameProblem() {
        Pod pod = pod(new ContainerStatusBuilder().withName("backend").withImage("taskflow-backend:1.0.0")
                .withRestartCount(0).withReady(false).withNewState().withNewWaiting().withReason("ImagePullBackOff")
                .endWaiting().endState().build());

        assertThat(PodDiagnosis.diagnose(pod, List.of(event("Failed", "Failed to pull image: pull access denied")),
                (container, previous) -> List.of(), NOW).evidence()).contains("Failed to pull image: pull access denied");
    }

    @Test
    void anOomKillNamesTheMemoryLimit() {
        Pod pod = pod(new ContainerStatusBuilder().withName("backend").withRestartCount(1).withReady(false)
                .withNewState().withNewRunning().endRunning().endState().withNewLastState().withNewTerminated()
                .withExitCode(137).withReason("OOMKilled").endTerminated().endLastState().build());

        Diagnosis diagnosis = PodDiagnosis.diagnose(pod, List.of(), (container, previous) -> List.of(), NOW);

        assertThat(diagnosis.problem()).isEqualTo("oom-killed");
        assertThat(diagnosis.exitCode()).isEqualTo(137);
        assertThat(diagnosis.headline()).contains("OOMKilled", "512Mi", "resources.limits.memory");
    }

    @Test
    void aFailingProbeSaysWhichProbeWhatItAskedAndWhatItGot() {
        Pod pod = pod(new ContainerStatusBuilder().withName("backend").withRestartCount(0).withReady(false)
                .withNewState().withNewRunning().endRunning().endState().build());

        Diagnosis diagnosis = PodDiagnosis.diagnose(pod, List.of(event("Unhealthy",
                "Readiness probe failed: HTTP probe failed with statuscode: 503", 7)), (container, previous) -> List.of(),
                NOW);

        assertThat(diagnosis.problem()).isEqualTo("probe-failing");
        assertThat(diagnosis.headline()).contains("readiness probe", "GET /health on port 8000",
                "HTTP probe failed with statuscode: 503", "7 times");
        assertThat(diagnosis.isHopeless()).isFalse();
    }

    @Test
    void aLivenessProbeFailureIsNamedAsSuch() {
        Pod pod = pod(new ContainerStatusBuilder().withName("backend").withRestartCount(0).withReady(false)
                .withNewState().withNewRunning().endRunning().endState().build());

        assertThat(PodDiagnosis.diagnose(pod, List.of(event("Unhealthy", "Liveness probe failed: Get "
                + "\"http://10.244.0.5:8000/health\": dial tcp: connect: connection refused", 2)),
                (container, previous) -> List.of(), NOW).headline()).contains("liveness probe", "connection refused");
    }

    @Test
    void aPendingPodWithoutRoomSaysWhichResourceIsShort() {
        Pod pod = new PodBuilder(pod(new ContainerStatusBuilder().withName("backend").build())).editStatus()
                .withPhase("Pending").withContainerStatuses().withConditions(new PodConditionBuilder()
                        .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                        .withMessage("0/1 nodes are available: 1 Insufficient cpu.").build())
                .endStatus().build();

        Diagnosis diagnosis = PodDiagnosis.diagnose(pod, List.of(), (container, previous) -> List.of(), NOW);

        assertThat(diagnosis.problem()).isEqualTo("unschedulable");
        assertThat(diagnosis.headline()).contains("enough free CPU", "minikube start --cpus");
    }

    @Test
    void aStuckInitContainerPointsAtTheBackendWithItsLastLine() {
        Pod pod = new PodBuilder(pod(new ContainerStatusBuilder().withName("frontend").withReady(false)
                .withRestartCount(0).withNewState().withNewWaiting().withReason("PodInitializing").endWaiting()
                .endState().build())).editSpec().addNewInitContainer().withName("wait-for-backend")
                .withImage("busybox:1.36").endInitContainer().endSpec().editStatus().withPhase("Pending")
                .withInitContainerStatuses(new ContainerStatusBuilder().withName("wait-for-backend").withReady(false)
                        .withRestartCount(0).withNewState().withNewRunning().withStartedAt(NOW.minus(Duration
                                .ofMinutes(3)).toString()).endRunning().endState().build())
                .endStatus().build();

        Diagnosis diagnosis = PodDiagnosis.diagnose(pod, List.of(), (container, previous) -> container.equals(
                "wait-for-backend") ? List.of("waiting for DNS: taskflow-backend-service (42/90)") : List.of(), NOW);

        assertThat(diagnosis.problem()).isEqualTo("init-stuck");
        assertThat(diagnosis.container()).isEqualTo("wait-for-backend");
        assertThat(diagnosis.headline()).contains("running for 3m", "backend", "waiting for DNS");
        assertThat(ClusterService.kubectlStatus(pod)).isEqualTo("Init:0/1");
    }

    @Test
    void aMissingSecretIsAConfigurationError() {
        Pod pod = pod(new ContainerStatusBuilder().withName("backend").withRestartCount(0).withReady(false)
                .withNewState().withNewWaiting().withReason("CreateContainerConfigError")
                .withMessage("secret \"taskflow-backend-secret\" not found").endWaiting().endState().build());

        Diagnosis diagnosis = PodDiagnosis.diagnose(pod, List.of(), (container, previous) -> List.of(), NOW);

        assertThat(diagnosis.problem()).isEqualTo("config-error");
        assertThat(diagnosis.headline()).contains("secret \"taskflow-backend-secret\" not found");
    }

    @Test
    void aPodStillStartingSaysSoWithoutBlamingAnything() {
        Pod pod = pod(new ContainerStatusBuilder().withName("backend").withRestartCount(0).withReady(false)
                .withNewState().withNewRunning().endRunning().endState().build());

        Diagnosis diagnosis = PodDiagnosis.diagnose(pod, List.of(), (container, previous) -> List.of(), NOW);

        assertThat(diagnosis.problem()).isEqualTo("starting");
        assertThat(diagnosis.headline()).contains("Running but not Ready yet", "for 40s");
    }

    @Test
    void throughTheClusterTheDiagnosisReadsTheEventsAndThePreviousLog() {
        mock.deploy("backend", 1);
        mock.pod("crashing", "backend", Duration.ofMinutes(2));
        mock.client().pods().inNamespace(ClusterMock.NAMESPACE).withName("crashing").editStatus(pod -> {
            pod.getStatus().getContainerStatuses().get(0).setState(new io.fabric8.kubernetes.api.model
                    .ContainerStateBuilder().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().build());
            pod.getStatus().getContainerStatuses().get(0).setLastState(new io.fabric8.kubernetes.api.model
                    .ContainerStateBuilder().withNewTerminated().withExitCode(1).endTerminated().build());
            return pod;
        });
        mock.log("crashing", "backend", 15, "INFO: booting\nKeyError: 'DATABASE_URL'\n", true);
        mock.event("crashing", "Warning", "BackOff", "Back-off restarting failed container", 5);

        Diagnosis diagnosis = new PodDiagnosis(mock.cluster()).diagnose(ClusterMock.APP, "crashing");

        assertThat(diagnosis.problem()).isEqualTo("crash-loop");
        assertThat(diagnosis.headline()).contains("exit code 1", "KeyError: 'DATABASE_URL'");
        assertThat(new PodDiagnosis(mock.cluster()).diagnoseApp(ClusterMock.APP)).extracting(Diagnosis::pod)
                .containsExactly("crashing");
    }

    private static Pod pod(io.fabric8.kubernetes.api.model.ContainerStatus status) {
        return new PodBuilder().withNewMetadata().withName("taskflow-backend-abc").withLabels(Map.of("app", "taskflow",
                "component", "backend")).withCreationTimestamp(NOW.minusSeconds(40).toString()).endMetadata()
                .withNewSpec().addNewContainer().withName(status.getName()).withImage("taskflow-backend:1.0.0")
                .withNewResources().addToLimits("memory", new Quantity("512Mi")).endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath("/health").withNewPort(8000).endHttpGet()
                .endReadinessProbe().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withConditions(new PodConditionBuilder().withType("Ready")
                        .withStatus("False").build()).withContainerStatuses(status).endStatus().build();
    }

    private static Event event(String reason, String message) {
        return event(reason, message, 1);
    }

    private static Event event(String reason, String message, int count) {
        return new EventBuilder().withReason(reason).withMessage(message).withCount(count).withType("Warning")
                .withLastTimestamp(NOW.toString()).build();
    }
}
