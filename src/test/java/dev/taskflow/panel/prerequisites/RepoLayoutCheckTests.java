package dev.taskflow.panel.prerequisites;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.Phase;
import dev.taskflow.panel.pipeline.PipelineProperties;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.Task;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class RepoLayoutCheckTests {

    @TempDir
    Path tmp;

    private Path repoRoot;

    private RepoLayoutCheck check;

    @BeforeEach
    void checkout() throws Exception {
        repoRoot = Files.createDirectories(tmp.resolve("checkout")).toRealPath();
        check = new RepoLayoutCheck(new PipelineProperties(tmp.resolve("ws"), repoRoot, 4, Duration.ofMinutes(1)));
    }

    @Test
    void passesWhenTheDefaultFoldersArePresent() throws Exception {
        Files.createDirectories(repoRoot.resolve("dockerfiles"));
        Files.createDirectories(repoRoot.resolve("helm"));

        TaskOutcome outcome = check.run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("Artifact folders present: dockerfiles, helm");
        assertThat(onlyEvidence(outcome).title()).isEqualTo("Folders in " + repoRoot);
        assertThat(onlyEvidence(outcome).values()).containsExactly(entry("dockerfiles", "present"),
                entry("helm", "present"));
    }

    @Test
    void failsNamingEachMissingFolderOfThePlansList() throws Exception {
        Files.createDirectories(repoRoot.resolve("helm"));

        TaskOutcome outcome = check.run(context(Map.of("paths", "dockerfiles, helm ,k8s/base,")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("Missing in " + repoRoot + ": dockerfiles, k8s/base. Restore them from "
                + "git, or point panel.pipeline.repo-root at the panel's checkout.");
        assertThat(onlyEvidence(outcome).values()).containsExactly(entry("dockerfiles", "missing"),
                entry("helm", "present"), entry("k8s/base", "missing"));
    }

    @Test
    void aFileWhereAFolderShouldBeCountsAsMissing() throws Exception {
        Files.createDirectories(repoRoot.resolve("dockerfiles"));
        Files.writeString(repoRoot.resolve("helm"), "not a folder");

        TaskOutcome outcome = check.run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("Missing in " + repoRoot + ": helm. ");
        assertThat(onlyEvidence(outcome).values()).containsEntry("helm", "missing");
    }

    private static Evidence onlyEvidence(TaskOutcome outcome) {
        assertThat(outcome.evidence()).hasSize(1);
        return outcome.evidence().getFirst();
    }

    private static CheckContext context(Map<String, String> parameters) {
        Task task = new Task("T001", false, null, null, "Verify the repository layout",
                new Task.SatisfiedBy(Task.Kind.AUTOMATED, "repo-layout", parameters, null, null));
        Plan plan = new Plan("test-plan", "Test plan", "seed.md", "A plan for tests",
                List.of(new Phase("phase-0", "Prerequisites", null, null, null, "Layout ready", null, List.of(),
                        List.of(task))));
        return new CheckContext(plan, task, parameters, line -> {
        }, () -> false);
    }
}
