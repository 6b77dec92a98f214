package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class PodEnvCheckTests {

    static final String BACKEND_SECRET = "backend-auth-secret-that-is-long-enough-123";

    static final String FRONTEND_SECRET = "frontend-auth-secret-that-differs-from-it-9";

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    static PodEnvCheck check;

    @BeforeAll
    static void arrange() {
        mock.deploy("backend", 1);
        mock.deploy("frontend", 1);
        mock.readyPod("backend-1", "backend", Duration.ZERO, Duration.ofSeconds(5));
        mock.readyPod("frontend-1", "frontend", Duration.ZERO, Duration.ofSeconds(5));
        mock.exec("backend-1", "backend", List.of("env"), "DATABASE_URL=postgresql://u:pw@db/x\nBETTER_AUTH_SECRET="
                + BACKEND_SECRET + "\nANTHROPIC_API_KEY=sk-ant-1\nCORS_ORIGINS=http://x\nAPI_PREFIX=/api/v1\n"
                + "ENVIRONMENT=development\nDEBUG=False\n", 0);
        mock.exec("frontend-1", "frontend", List.of("env"), "NEXT_PUBLIC_API_URL=http://taskflow-backend-service:8000\n"
                + "BETTER_AUTH_SECRET=" + FRONTEND_SECRET + "\n", 0);
        check = new PodEnvCheck(mock.cluster(), new InPodChecks(mock.cluster(), new PodExec(mock.cluster()),
                new SecretMasker()));
    }

    @Test
    void theBackendHasEveryVariableTheSeedNames() {
        TaskOutcome outcome = check.run(context("backend"));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.evidence().get(0).values()).containsEntry("BETTER_AUTH_SECRET",
                SecretMasker.fingerprint(BACKEND_SECRET) + " (" + BACKEND_SECRET.length() + " chars)");
        assertThat(text(outcome)).doesNotContain(BACKEND_SECRET, "pw@db");
    }

    @Test
    void aFrontendWhoseAuthSecretDiffersFromTheBackendsFailsNamingBothFingerprints() {
        TaskOutcome outcome = check.run(context("frontend"));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("BETTER_AUTH_SECRET differs",
                SecretMasker.fingerprint(BACKEND_SECRET), SecretMasker.fingerprint(FRONTEND_SECRET));
        assertThat(outcome.evidence()).anySatisfy(evidence -> assertThat(evidence.values())
                .containsEntry("equal", "true").containsEntry("expected", "http://taskflow-backend-service:8000"));
        assertThat(text(outcome)).doesNotContain(BACKEND_SECRET, FRONTEND_SECRET);
    }

    private static CheckContext context(String component) {
        return new CheckContext(new Plan("taskflow", "TaskFlow", "seed.md", "summary", List.of()), null,
                Map.of("component", component), line -> {
                }, () -> false);
    }

    private static String text(TaskOutcome outcome) {
        StringBuilder all = new StringBuilder(outcome.summary());
        for (Evidence evidence : outcome.evidence()) {
            all.append(evidence.title()).append(evidence.body()).append(evidence.values());
        }
        return all.toString();
    }
}
