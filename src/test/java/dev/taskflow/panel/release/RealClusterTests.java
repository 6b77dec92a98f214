package dev.taskflow.panel.release;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RealClusterTests {

    @RegisterExtension
    final HelmMockCluster cluster = new HelmMockCluster();

    @TempDir
    Path home;

    @Test
    void findsNothingWithoutAKubeconfig() {
        RealCluster.Probe probe = new RealCluster(Map.<String, String>of()::get, home).probe();

        assertThat(probe.target()).isEmpty();
        assertThat(probe.reason()).isEqualTo("no kubeconfig at " + home.resolve(".kube/config"));
    }

    @Test
    void givesUpQuicklyOnAnApiServerThatDoesNotAnswer() throws IOException {
        Path kubeconfig = Files.writeString(home.resolve("unreachable"),
                Files.readString(cluster.kubeconfig()).replace(cluster.url(), "http://localhost:" + closedPort()));
        RealCluster realCluster = new RealCluster(Map.of(RealCluster.KUBECONFIG_VARIABLE, kubeconfig.toString())::get,
                home);

        long started = System.nanoTime();
        RealCluster.Probe probe = realCluster.probe();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(probe.target()).isEmpty();
        assertThat(probe.reason()).contains("did not answer");
    }

    @Test
    void usesTheConfiguredKubeconfigWhenItsApiServerAnswers() {
        RealCluster realCluster = new RealCluster(
                Map.of(RealCluster.KUBECONFIG_VARIABLE, cluster.kubeconfig().toString())::get, home);

        RealCluster.Probe probe = realCluster.probe();

        assertThat(probe.target()).hasValue(new RealCluster.Target(cluster.kubeconfig(), HelmMockCluster.CONTEXT,
                HelmMockCluster.KUBERNETES_VERSION));
    }

    @Test
    void usesTheDefaultKubeconfigOnlyWhenItsContextIsALocalCluster() throws IOException {
        Files.createDirectories(home.resolve(".kube"));
        Files.writeString(home.resolve(".kube/config"), Files.readString(cluster.kubeconfig())
                .replace(": mock", ": minikube"));
        Path shared = Files.writeString(home.resolve("shared"), Files.readString(cluster.kubeconfig())
                .replace(": mock", ": production"));

        RealCluster.Probe local = new RealCluster(Map.<String, String>of()::get, home).probe();
        RealCluster.Probe sharedCluster = new RealCluster(Map.of("KUBECONFIG", shared.toString())::get, home).probe();

        assertThat(local.target()).hasValueSatisfying(target -> assertThat(target.context()).isEqualTo("minikube"));
        assertThat(sharedCluster.target()).isEmpty();
        assertThat(sharedCluster.reason()).isEqualTo("context 'production' in " + shared + " is not a local cluster");
    }

    @Test
    void decidesWithinThreeSecondsOnThisMachine() {
        long started = System.nanoTime();

        new RealCluster().probe();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
