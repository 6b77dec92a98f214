package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConfigUpdateCheckTests {

    static final String OLD_URL = "http://taskflow-backend-service:8000";

    static final String NEW_URL = "http://taskflow-backend-service:8001";

    static final String OLD_DATABASE_URL = "postgresql://u:old-db-password@db/x";

    static final String NEW_DATABASE_URL = "postgresql://u:new-db-password@db/x";

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    static ConfigUpdateCheck check;

    final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void arrange() {
        mock.deploy("frontend", 1);
        mock.deploy("backend", 1);
        mock.client().configMaps().inNamespace(ClusterMock.NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("taskflow-frontend-config").endMetadata().withData(Map.of("NEXT_PUBLIC_API_URL", OLD_URL))
                .build()).create();
        mock.client().secrets().inNamespace(ClusterMock.NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("taskflow-backend-secret").endMetadata().withData(Map.of("DATABASE_URL", Base64.getEncoder()
                        .encodeToString(OLD_DATABASE_URL.getBytes()))).build()).create();
        mock.readyPod("frontend-old", "frontend", Duration.ZERO, Duration.ofSeconds(5));
        ClusterService cluster = mock.cluster();
        check = new ConfigUpdateCheck(cluster, new ConfigUpdate(cluster, new ReadinessWait(cluster,
                new PodDiagnosis(cluster)), new InPodChecks(cluster, new PodExec(cluster), new SecretMasker())));
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void aGivenValueRolledOutToTheNewPodsPassesWithFingerprintsAsEvidence() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        Future<TaskOutcome> running = background.submit(() -> check.run(context(Map.of("value", NEW_URL), progress,
                false)));
        await().until(() -> progress.stream().anyMatch(line -> line.startsWith("frontend: 0/1 Ready")));
        // the rollout a controller would do: the old pod goes, a new one comes up with the new value
        mock.client().pods().inNamespace(ClusterMock.NAMESPACE).withName("frontend-old").delete();
        mock.readyPod("frontend-new", "frontend", Duration.ZERO, Duration.ofSeconds(4));
        mock.exec("frontend-new", "frontend", List.of("env"), "NEXT_PUBLIC_API_URL=" + NEW_URL + "\n", 0);

        TaskOutcome outcome = running.get();

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("NEXT_PUBLIC_API_URL in ConfigMap taskflow-frontend-config changed; "
                + "the 1 new pod(s) hold it (" + SecretMasker.fingerprint(NEW_URL) + ").");
        assertThat(outcome.evidence().get(0).title()).isEqualTo("NEXT_PUBLIC_API_URL changed and rolled out to "
                + "taskflow-frontend");
        assertThat(outcome.evidence().get(0).values()).containsEntry("source", "ConfigMap taskflow-frontend-config")
                .containsEntry("before", SecretMasker.fingerprint(OLD_URL))
                .containsEntry("set", SecretMasker.fingerprint(NEW_URL))
                .containsEntry("frontend-new", SecretMasker.fingerprint(NEW_URL)).containsEntry("restored", "false");
        assertThat(outcome.evidence()).extracting(Evidence::title).contains("Startup of pod frontend-new");
        assertThat(text(outcome)).doesNotContain(OLD_URL, NEW_URL);
    }

    @Test
    void aSecretValueWhosePodsDoNotGetReadyFailsShowingOnlyFingerprints() throws Exception {
        // a cancelled run stops waiting at once, as a run whose pods never get Ready does at its budget
        TaskOutcome outcome = check.run(context(Map.of("component", "backend", "key", "DATABASE_URL", "value",
                NEW_DATABASE_URL), new CopyOnWriteArrayList<>(), true));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("The new pods of taskflow-backend do not hold the new DATABASE_URL: ")
                .doesNotContain("rolled back out");
        assertThat(outcome.evidence().get(0).values()).containsEntry("source", "Secret taskflow-backend-secret")
                .containsEntry("before", SecretMasker.fingerprint(OLD_DATABASE_URL))
                .containsEntry("set", SecretMasker.fingerprint(NEW_DATABASE_URL));
        assertThat(text(outcome)).doesNotContain("old-db-password", "new-db-password");
    }

    @Test
    void withoutAValueAMarkerIsSetAndAFailedRollBackIsNamed() throws Exception {
        TaskOutcome outcome = check.run(context(Map.of("component", "backend", "key", "DATABASE_URL"),
                new CopyOnWriteArrayList<>(), true));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).endsWith("; the old value could not be rolled back out");
        assertThat(outcome.evidence().get(0).values()).containsEntry("restored", "false");
        assertThat(outcome.evidence().get(0).values().get("set")).startsWith("sha256:");
        assertThat(text(outcome)).doesNotContain("panel-config-check-", "db-password");
    }

    private static CheckContext context(Map<String, String> parameters, List<String> progress, boolean cancelled) {
        return new CheckContext(new Plan("taskflow", "TaskFlow", "seed.md", "summary", List.of()), null, parameters,
                progress::add, () -> cancelled);
    }

    private static String text(TaskOutcome outcome) {
        StringBuilder all = new StringBuilder(outcome.summary());
        for (Evidence evidence : outcome.evidence()) {
            all.append(evidence.title()).append(evidence.body()).append(evidence.values());
        }
        return all.toString();
    }
}
