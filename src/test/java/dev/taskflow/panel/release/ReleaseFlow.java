package dev.taskflow.panel.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The release lifecycle through {@link ReleaseService}, written once and run against each cluster a subclass provides:
 * install → upgrade with --set → history with who and what → diff → rollback (from Helm's own records) → uninstall,
 * with the user's secrets going in and never coming back out.
 */
abstract class ReleaseFlow {

    static final String DATABASE_URL = "postgresql://app:canary-flow-db-pass-51c3@db.example:5432/app";

    static final String AUTH_SECRET = "canary-flow-auth-secret-8f2e61d0c4b7a9e3d5f1a2b3";

    static final String LLM_KEY = "sk-canary-flow-llm-key-2d7e9b";

    @Autowired
    ReleaseService releases;

    /** A client on the same cluster the service uses, for looking at what Helm applied. */
    abstract KubernetesClient cluster();

    static void writeSecrets(Path secretsFile) throws Exception {
        Files.writeString(secretsFile, """
                DATABASE_URL=%s
                BETTER_AUTH_SECRET=%s
                ANTHROPIC_API_KEY=%s
                CORS_ORIGINS=http://localhost:3000
                BETTER_AUTH_URL=http://localhost:3000
                """.formatted(DATABASE_URL, AUTH_SECRET, LLM_KEY));
    }

    @AfterEach
    void uninstallWhatIsLeft() {
        if (releases.overview().installed()) {
            releases.uninstall();
        }
    }

    @Test
    void installUpgradeRollbackAndUninstallWithHistoryAndDiffs() {
        releases.writeValuesLocal();

        ReleaseStatus installed = releases.install("taskflow", null);
        assertThat(installed.status()).isEqualTo("deployed");
        assertThat(installed.revision()).isEqualTo(1);
        assertThat(replicas("taskflow-backend")).isEqualTo(1);
        assertThat(cluster().secrets().inNamespace(releases.namespace()).withName("taskflow-backend-secret").get()
                .getData()).containsKeys("DATABASE_URL", "BETTER_AUTH_SECRET", "ANTHROPIC_API_KEY");

        ReleaseStatus upgraded = releases.upgrade("taskflow", List.of("backend.replicaCount=3"));
        assertThat(upgraded.revision()).isEqualTo(2);
        assertThat(replicas("taskflow-backend")).isEqualTo(3);

        ReleaseOverview overview = releases.overview();
        assertThat(overview.revisions()).extracting(ReleaseOverview.RevisionEntry::revision,
                ReleaseOverview.RevisionEntry::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "deployed"),
                        org.assertj.core.groups.Tuple.tuple(1, "superseded"));
        assertThat(overview.revisions().getFirst().actor()).endsWith("via the panel");
        assertThat(overview.revisions().getFirst().changes()).containsExactly("backend.replicaCount = 3");
        assertThat(overview.revisions().getFirst().description()).contains("--set backend.replicaCount");

        ManifestDiff diff = releases.diff(1, 2);
        assertThat(diff.changes()).filteredOn(change -> change.change() == ManifestDiff.Change.CHANGED)
                .extracting(ManifestDiff.ResourceChange::name).containsExactly("taskflow-backend");
        assertThat(diff.changes().stream().map(ManifestDiff.ResourceChange::diff).reduce("", String::concat))
                .contains("-  replicas: 1", "+  replicas: 3");

        ReleaseStatus rolledBack = releases.rollback(1);
        assertThat(rolledBack.revision()).isEqualTo(3);
        assertThat(rolledBack.status()).isEqualTo("deployed");
        assertThat(replicas("taskflow-backend")).isEqualTo(1);
        assertThat(releases.diff(1, 3).changedCount()).isZero();
        assertThat(releases.overview().revisions().getFirst().description()).isEqualTo("Rollback to 1");
        assertThat(releases.overview().revisions().getFirst().changes()).containsExactly("backend.replicaCount removed");

        String everythingShown = releases.overview() + releases.manifest(3).toString() + releases.diff(1, 2)
                + releases.diff(2, 3) + installed + upgraded + rolledBack;
        assertThat(everythingShown).doesNotContain(AUTH_SECRET, LLM_KEY, "canary-flow-db-pass");

        releases.uninstall();
        assertThat(releases.overview().installed()).isFalse();
        assertThat(cluster().apps().deployments().inNamespace(releases.namespace()).withName("taskflow-backend").get())
                .isNull();
    }

    @Test
    void installingTwiceSaysToUpgradeAndAnUnknownRevisionListsTheKnownOnes() {
        releases.install("taskflow", null);

        assertThatThrownBy(() -> releases.install("taskflow", null)).isInstanceOf(ReleaseOperationException.class)
                .hasMessageContaining("helm install of release 'taskflow'")
                .hasMessageContaining("upgrade it, or uninstall it first");
        assertThatThrownBy(() -> releases.rollback(7)).isInstanceOf(RevisionNotFoundException.class)
                .hasMessageContaining("'7'").hasMessageContaining("Known");
    }

    private int replicas(String deployment) {
        Deployment found = cluster().apps().deployments().inNamespace(releases.namespace()).withName(deployment).get();
        return found.getSpec().getReplicas();
    }
}
