package dev.taskflow.panel.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import dev.taskflow.panel.support.ClusterConnection;
import dev.taskflow.panel.support.ClusterProperties;
import dev.taskflow.panel.support.ClusterUnavailableException;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClusterServiceTests {

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    @BeforeAll
    static void arrange() {
        mock.deploy("backend", 2);
        mock.deploy("frontend", 1);
        mock.readyPod("taskflow-backend-1", "backend", Duration.ZERO, Duration.ofSeconds(8));
        mock.pod("taskflow-backend-2", "backend", Duration.ZERO);
        mock.readyPod("taskflow-frontend-1", "frontend", Duration.ZERO, Duration.ofSeconds(8));
        mock.event("taskflow-backend-2", "Warning", "Unhealthy", "Readiness probe failed: HTTP probe failed with "
                + "statuscode: 503", 3);
        mock.event("someone-else", "Normal", "Pulled", "not ours", 1);
    }

    @Test
    void podsAreShownInKubectlsWords() {
        assertThat(mock.cluster().pods(ClusterMock.APP)).extracting(PodView::name, PodView::component, PodView::ready,
                PodView::isReady, PodView::node).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("taskflow-backend-1", "backend", "1/1", true, "minikube"),
                        org.assertj.core.groups.Tuple.tuple("taskflow-backend-2", "backend", "0/1", false, "minikube"),
                        org.assertj.core.groups.Tuple.tuple("taskflow-frontend-1", "frontend", "1/1", true, "minikube"));
        assertThat(mock.cluster().pod(ClusterMock.APP, "taskflow-backend-1").images())
                .containsExactly("taskflow-backend:1.0.0");
    }

    @Test
    void eventsAreOnlyThoseAboutTheAppsObjects() {
        assertThat(mock.cluster().events(ClusterMock.APP)).singleElement().satisfies(event -> {
            assertThat(event.object()).isEqualTo("Pod/taskflow-backend-2");
            assertThat(event.reason()).isEqualTo("Unhealthy");
            assertThat(event.count()).isEqualTo(3);
        });
    }

    @Test
    void theTopologyCarriesServicesReplicasAndHealth() {
        Topology topology = mock.cluster().topology(ClusterMock.APP);

        assertThat(topology.frontend()).isEqualTo(new Topology.Tier("frontend", "taskflow-frontend-service",
                "NodePort", 3000, 30080, 1, 1, "up"));
        assertThat(topology.backend()).isEqualTo(new Topology.Tier("backend", "taskflow-backend-service",
                "ClusterIP", 8000, null, 2, 1, "degraded"));
        assertThat(topology.database().host()).isEqualTo("db.example.neon.tech");
    }

    @Test
    void aPodThatDoesNotExistIsNamedWithThePodsThatDo() {
        assertThatExceptionOfType(PlanElementNotFoundException.class)
                .isThrownBy(() -> mock.cluster().pod(ClusterMock.APP, "taskflow-backend-9"))
                .withMessageContaining("taskflow-backend-9").withMessageContaining("taskflow-backend-1");
    }

    @Test
    void aContainerThatDoesNotExistIsNamedWithTheContainersThatDo() {
        var pod = mock.client().pods().inNamespace(ClusterMock.NAMESPACE).withName("taskflow-backend-1").get();

        assertThatExceptionOfType(PlanElementNotFoundException.class)
                .isThrownBy(() -> ClusterService.container(pod, "sidecar"))
                .withMessageContaining("sidecar").withMessageContaining("backend");
        assertThat(ClusterService.container(pod, null)).isEqualTo("backend");
    }

    @Test
    void aNamespaceThatDoesNotExistSaysHowToGetOne(@TempDir Path other) throws IOException {
        ClusterConnection elsewhere = new ClusterConnection(new ClusterProperties(mock.kubeconfig(),
                "nowhere", Duration.ofSeconds(5)));
        ClusterService cluster = new ClusterService(elsewhere, mock.properties(), new SecretMasker(), () -> null);

        assertThatExceptionOfType(PlanElementNotFoundException.class).isThrownBy(() -> cluster.pods("taskflow"))
                .withMessageContaining("namespace 'nowhere'").withMessageContaining("helm install");
        elsewhere.client().close();
    }

    @Test
    void withoutAKubeconfigTheMessageSaysToStartMinikube(@TempDir Path empty) {
        ClusterConnection none = new ClusterConnection(new ClusterProperties(empty.resolve("missing"), "default",
                Duration.ofSeconds(5)));
        ClusterService cluster = new ClusterService(none, mock.properties(), new SecretMasker(), () -> null);

        assertThatExceptionOfType(ClusterUnavailableException.class).isThrownBy(() -> cluster.pods("taskflow"))
                .withMessageContaining("minikube start");
        assertThat(new ClusterOverview(cluster, new PodDiagnosis(cluster)).snapshot("taskflow").problem())
                .contains("There is no kubeconfig");
    }

    @Test
    void anApiServerThatDoesNotAnswerSaysToCheckMinikube(@TempDir Path other) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path kubeconfig = other.resolve("kubeconfig");
        Files.writeString(kubeconfig, Files.readString(mock.kubeconfig())
                .replaceAll("server: .*", "server: http://127.0.0.1:" + closedPort));
        ClusterConnection down = new ClusterConnection(new ClusterProperties(kubeconfig, "test", Duration.ofSeconds(2)));
        ClusterService cluster = new ClusterService(down, mock.properties(), new SecretMasker(), () -> null);

        assertThatExceptionOfType(ClusterUnavailableException.class).isThrownBy(() -> cluster.pods("taskflow"))
                .withMessageContaining("did not answer").withMessageContaining("minikube status");
        down.client().close();
    }

    @Test
    void anUnknownComponentIsRefused() {
        assertThat(ClusterService.components("all")).containsExactly("backend", "frontend");
        assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> ClusterService.components("db"))
                .withMessageContaining("backend, frontend or all");
    }

    @Test
    void agesReadLikeKubectls() {
        assertThat(ClusterService.age(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(ClusterService.age(Duration.ofSeconds(192))).isEqualTo("3m12s");
        assertThat(ClusterService.age(Duration.ofMinutes(125))).isEqualTo("2h5m");
        assertThat(ClusterService.age(Duration.ofHours(50))).isEqualTo("2d2h");
    }
}
