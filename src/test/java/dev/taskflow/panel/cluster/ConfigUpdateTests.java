package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.taskflow.panel.pipeline.ConflictException;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.support.SecretMasker;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class ConfigUpdateTests {

    static final String NEW_URL = "http://taskflow-backend-service:8001";

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    static ConfigUpdate update;

    final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void arrange() {
        mock.deploy("frontend", 1);
        mock.deploy("backend", 1);
        mock.client().configMaps().inNamespace(ClusterMock.NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("taskflow-frontend-config").endMetadata().withData(Map.of("NEXT_PUBLIC_API_URL",
                        "http://taskflow-backend-service:8000", "NODE_ENV", "production")).build()).create();
        mock.client().secrets().inNamespace(ClusterMock.NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("taskflow-backend-secret").endMetadata().withData(Map.of("DATABASE_URL", Base64.getEncoder()
                        .encodeToString("postgresql://u:old@db/x".getBytes()))).build()).create();
        mock.readyPod("frontend-old", "frontend", Duration.ZERO, Duration.ofSeconds(5));
        ClusterService cluster = mock.cluster();
        update = new ConfigUpdate(cluster, new ReadinessWait(cluster, new PodDiagnosis(cluster)),
                new InPodChecks(cluster, new PodExec(cluster), new SecretMasker()));
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void aConfigMapChangeIsRolledOutAndProvedInTheNewPodsByFingerprint() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        Future<ConfigChange> changing = background.submit(() -> update.update(ClusterMock.APP, "frontend",
                "NEXT_PUBLIC_API_URL", NEW_URL, false, progress::add, () -> false));
        await().until(() -> progress.stream().anyMatch(line -> line.startsWith("frontend: 0/1 Ready")));
        // the rollout a controller would do: the old pod goes, a new one comes up with the new value
        mock.client().pods().inNamespace(ClusterMock.NAMESPACE).withName("frontend-old").delete();
        mock.readyPod("frontend-new", "frontend", Duration.ZERO, Duration.ofSeconds(4));
        mock.exec("frontend-new", "frontend", List.of("env"), "NEXT_PUBLIC_API_URL=" + NEW_URL + "\n", 0);

        ConfigChange change = changing.get();

        assertThat(change.kind()).isEqualTo("ConfigMap");
        assertThat(change.source()).isEqualTo("taskflow-frontend-config");
        assertThat(change.oldFingerprint()).isEqualTo(SecretMasker.fingerprint("http://taskflow-backend-service:8000"));
        assertThat(change.newFingerprint()).isEqualTo(SecretMasker.fingerprint(NEW_URL));
        assertThat(change.pods()).containsExactly(new ConfigChange.PodValue("frontend-new",
                SecretMasker.fingerprint(NEW_URL)));
        assertThat(change.applied()).isTrue();
        assertThat(mock.client().configMaps().inNamespace(ClusterMock.NAMESPACE).withName("taskflow-frontend-config")
                .get().getData()).containsEntry("NEXT_PUBLIC_API_URL", NEW_URL).containsEntry("NODE_ENV", "production");
        assertThat(mock.client().apps().deployments().inNamespace(ClusterMock.NAMESPACE).withName("taskflow-frontend")
                .get().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey("kubectl.kubernetes.io/restartedAt");
    }

    @Test
    void aVariableNoConfigMapOrSecretHoldsIsNamedWithWhereItLooked() {
        assertThatExceptionOfType(ConflictException.class)
                .isThrownBy(() -> update.update(ClusterMock.APP, "frontend", "NOT_THERE", "x", false, line -> {
                }, () -> false))
                .withMessageContaining("NOT_THERE").withMessageContaining("ConfigMap taskflow-frontend-config")
                .withMessageContaining("Secret taskflow-frontend-secret");
    }

    @Test
    void refusesANameThatIsNotAVariable() {
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> update.update(ClusterMock.APP, "frontend", "rm -rf", "x", false, line -> {
                }, () -> false));
    }
}
