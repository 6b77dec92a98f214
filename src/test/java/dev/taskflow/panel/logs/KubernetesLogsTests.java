package dev.taskflow.panel.logs;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.taskflow.panel.support.ClusterConnection;
import dev.taskflow.panel.support.ClusterProperties;
import dev.taskflow.panel.support.ClusterUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesLogsTests {

    @TempDir
    static Path folder;

    static LogsMockCluster cluster;

    static Path kubeconfig;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = LogsMockCluster.start("present");
        kubeconfig = cluster.writeKubeconfig(folder);
        cluster.runPod("api-1", Map.of("app", "taskflow", "component", "backend"), "backend");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void withoutAKubeconfigTheMessageSaysHowToGetOne() {
        KubernetesLogs logs = logs(folder.resolve("missing-kubeconfig"), "present");

        assertThatThrownBy(() -> logs.pod("api-1")).isInstanceOf(ClusterUnavailableException.class)
                .hasMessageContaining("There is no kubeconfig at").hasMessageContaining("minikube start");
    }

    @Test
    void anApiServerThatDoesNotAnswerIsNamedWithWhatToDo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path config = folder.resolve("unreachable");
        Files.writeString(config, Files.readString(kubeconfig).replaceAll("http://[^\\s]+",
                "http://127.0.0.1:" + closedPort));
        KubernetesLogs logs = logs(config, "present");

        assertThatThrownBy(() -> logs.pod("api-1")).isInstanceOf(ClusterUnavailableException.class)
                .hasMessageContaining("The API server at http://127.0.0.1:" + closedPort + "/ does not answer")
                .hasMessageContaining("minikube start");
    }

    @Test
    void aMissingNamespaceIsNamedRatherThanItsPod() {
        KubernetesLogs logs = logs(kubeconfig, "nowhere");

        assertThatThrownBy(() -> logs.pod("api-1")).isInstanceOf(LogSourceNotFoundException.class)
                .hasMessage("Namespace nowhere does not exist: install the release into it, or set "
                        + "panel.cluster.namespace to the namespace the app runs in.");
    }

    @Test
    void anUnknownPodIsNamedWithThePodsThereAre() {
        KubernetesLogs logs = logs(kubeconfig, "present");

        assertThatThrownBy(() -> logs.pod("api-2")).isInstanceOf(LogSourceNotFoundException.class)
                .hasMessage("There is no pod api-2 in namespace present: choose one of api-1.");
        assertThat(logs.pod("api-1").getMetadata().getName()).isEqualTo("api-1");
    }

    private static KubernetesLogs logs(Path kubeconfig, String namespace) {
        return new KubernetesLogs(new ClusterConnection(new ClusterProperties(kubeconfig, namespace,
                Duration.ofSeconds(3))));
    }
}
