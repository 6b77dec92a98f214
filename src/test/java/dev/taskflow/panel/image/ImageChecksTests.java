package dev.taskflow.panel.image;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.CheckRegistry;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan checks as the run engine calls them: verdicts, summaries that say what to do, and evidence. */
class ImageChecksTests extends ImageEngineFixture {

    @Autowired
    CheckRegistry checks;

    @Test
    void everyImageCheckIdThePlansNameIsRegistered() {
        for (String id : List.of("image-build", "image-size", "image-history-scan", "image-non-root", "image-smoke",
                "image-load")) {
            assertThat(checks.find(id)).as(id).isPresent();
        }
    }

    @Test
    void theBuildCheckStreamsTheLogAndRecordsDurationAndTags() throws Exception {
        List<String> progress = new ArrayList<>();

        TaskOutcome outcome = run("image-build", "clean", Map.of("component", "backend"), progress);

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).contains(RUN + "-clean-backend:1.0.0 and " + RUN + "-clean-backend:latest");
        assertThat(progress).anyMatch(line -> line.startsWith("Step 1/"));
        assertThat(outcome.evidence()).anySatisfy(evidence -> assertThat(evidence.values())
                .containsKeys("duration ms", "image id", "cached steps"));
        assertThat(outcome.evidence()).anySatisfy(evidence -> assertThat(evidence.title())
                .startsWith("docker build -f ").contains(" -t " + RUN + "-clean-backend:1.0.0"));
    }

    @Test
    void aFailedBuildFailsTheTaskWithTheCauseAndTheLogSoFar() throws Exception {
        TaskOutcome outcome = run("image-build", "missing", Map.of("component", "backend"), new ArrayList<>());

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("There is no Dockerfile at");
    }

    @Test
    void theSizeCheckPassesWithinTheBudgetAndFailsOverIt() throws Exception {
        TaskOutcome within = run("image-size", "clean", Map.of("component", "backend", "maxMb", "500"), new ArrayList<>());
        TaskOutcome over = run("image-size", "clean", Map.of("component", "backend", "maxMb", "0"), new ArrayList<>());

        assertThat(within.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(within.summary()).contains("against a budget of 500 MB");
        assertThat(over.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(over.summary()).contains("against a budget of 0 MB: shrink it");
        assertThat(over.evidence()).anySatisfy(evidence -> assertThat(evidence.values()).containsKeys("size MB",
                "budget MB", "layers"));
    }

    @Test
    void theHistoryScanCheckFailsOnALeakWithFingerprintsOnly() throws Exception {
        TaskOutcome outcome = run("image-history-scan", "leaky", Map.of("component", "backend"), new ArrayList<>());

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("OPENAI_API_KEY").contains("sha256:").doesNotContain(PLANTED_KEY);
        assertThat(outcome.evidence()).allSatisfy(evidence -> assertThat(evidence.toString()).doesNotContain(PLANTED_KEY));
    }

    @Test
    void theNonRootCheckTellsAUserFromRoot() throws Exception {
        TaskOutcome nonRoot = run("image-non-root", "clean", Map.of("component", "backend"), new ArrayList<>());
        TaskOutcome root = run("image-non-root", "root", Map.of("component", "backend"), new ArrayList<>());

        assertThat(nonRoot.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(nonRoot.summary()).contains("runs as 10001:10001");
        assertThat(root.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(root.summary()).contains("runs as root (no USER): add a USER line");
    }

    @Test
    void theLoadCheckFailsWithTheReasonWhenTheToolIsMissing() throws Exception {
        images.build("clean", "backend", event -> { }, () -> false);
        ImageEngineFixture.writeFile(ROOT.resolve("kubeconfig"), "current-context: minikube\n");
        try {
            java.nio.file.Files.deleteIfExists(ROOT.resolve("tools/minikube"));
            TaskOutcome outcome = run("image-load", "clean", Map.of("component", "backend"), new ArrayList<>());

            assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(outcome.summary()).containsIgnoringCase("minikube");
        }
        finally {
            java.nio.file.Files.deleteIfExists(ROOT.resolve("kubeconfig"));
        }
    }

    private TaskOutcome run(String checkId, String planId, Map<String, String> parameters, List<String> progress)
            throws Exception {
        Plan plan = new Plan(planId, planId, null, null, List.of());
        CheckContext context = new CheckContext(plan, null, new HashMap<>(parameters), progress::add, () -> false);
        return checks.find(checkId).orElseThrow().run(context);
    }
}
