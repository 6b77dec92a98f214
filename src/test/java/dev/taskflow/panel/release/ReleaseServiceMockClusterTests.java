package dev.taskflow.panel.release;

import java.nio.file.Path;
import java.time.Duration;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The release lifecycle against fabric8's KubernetesMockServer standing in for a cluster (no API server can run here):
 * the mock plays the controllers' part so {@code --wait} and {@code helm test} have pods that become ready.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReleaseServiceMockClusterTests extends ReleaseFlow {

    static final HelmMockCluster MOCK = HelmMockCluster.start();

    @TempDir
    static Path workspace;

    @TempDir
    static Path secrets;

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry registry) throws Exception {
        MOCK.actAsControllersContinuously(HelmMockCluster.NAMESPACE, Duration.ofMillis(100));
        writeSecrets(secrets.resolve("secrets.env"));
        registry.add("panel.pipeline.workspace", workspace::toString);
        registry.add("panel.secrets.file", () -> secrets.resolve("secrets.env").toString());
        registry.add("panel.cluster.kubeconfig", () -> MOCK.kubeconfig().toString());
        registry.add("panel.release.timeout", () -> "30s");
    }

    @AfterAll
    static void stopTheMock() {
        MOCK.close();
    }

    @Override
    KubernetesClient cluster() {
        return MOCK.client();
    }

    @Test
    void helmTestRunsTheChartsTestPodAndAFailingOneIsReported() {
        releases.install("taskflow", null);

        assertThat(releases.test().status()).isEqualTo("deployed");

        MOCK.testPodsEndIn("Failed");
        try {
            assertThatThrownBy(releases::test).isInstanceOf(ReleaseOperationException.class)
                    .hasMessageContaining("helm test of release 'taskflow'").hasMessageContaining("failed");
        }
        finally {
            MOCK.testPodsEndIn("Succeeded");
        }
    }

    @Test
    void anApiServerErrorDuringAnUpgradeIsReportedWithHelmsReason() {
        releases.install("taskflow", null);
        MOCK.failNext("PATCH", "/apis/apps/v1/namespaces/default/deployments/taskflow-backend", 500,
                "etcdserver: request timed out");

        assertThatThrownBy(() -> releases.upgrade("taskflow", java.util.List.of("backend.replicaCount=2")))
                .isInstanceOf(ReleaseOperationException.class).hasMessageContaining("helm upgrade")
                .hasMessageContaining("etcdserver: request timed out");
    }
}
