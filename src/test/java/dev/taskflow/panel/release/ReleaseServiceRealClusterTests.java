package dev.taskflow.panel.release;

import java.nio.file.Path;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.taskflow.panel.support.ClusterConnection;

/**
 * The same release lifecycle on a real cluster, when one is configured ({@code PANEL_REAL_CLUSTER_KUBECONFIG}, or a
 * local minikube/kind context); skipped with the reason otherwise. It installs into its own namespace and does not
 * wait for pods, so it needs no images loaded.
 */
@Tag("real-cluster")
@ExtendWith(RealCluster.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReleaseServiceRealClusterTests extends ReleaseFlow {

    @TempDir
    static Path workspace;

    @TempDir
    static Path secrets;

    @Autowired
    ClusterConnection connection;

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry registry) throws Exception {
        writeSecrets(secrets.resolve("secrets.env"));
        registry.add("panel.pipeline.workspace", workspace::toString);
        registry.add("panel.secrets.file", () -> secrets.resolve("secrets.env").toString());
        registry.add("panel.cluster.kubeconfig", () -> new RealCluster().probe().target()
                .map(target -> target.kubeconfig().toString()).orElse("/nonexistent/kubeconfig"));
        registry.add("panel.cluster.namespace", () -> "panel-release-tests");
        registry.add("panel.release.wait-ready", () -> "false");
    }

    @Override
    KubernetesClient cluster() {
        return connection.client();
    }
}
