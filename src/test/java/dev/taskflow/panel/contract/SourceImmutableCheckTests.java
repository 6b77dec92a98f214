package dev.taskflow.panel.contract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SourceImmutableCheckTests {

    @TempDir
    Path repo;

    @Test
    void passesOnACleanCheckoutAndFailsListingTheChangedFile() throws Exception {
        Files.createDirectories(repo.resolve("backend/src"));
        Files.writeString(repo.resolve("backend/src/main.py"), "app = FastAPI()\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("seed").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
        }
        SourceImmutableCheck check = new SourceImmutableCheck(new SourceGuard(ContractFixtures.properties(repo)));

        TaskOutcome clean = check.run(ContractFixtures.context(Map.of("paths", "backend/src/")));
        Files.writeString(repo.resolve("backend/src/main.py"), "edited\n");
        TaskOutcome dirty = check.run(ContractFixtures.context(Map.of("paths", "backend/src/")));

        assertThat(clean.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(clean.summary()).startsWith("The app's source is unchanged against main @ ");
        assertThat(dirty.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(dirty.summary()).contains("modified: backend/src/main.py").contains("git restore");
    }

    @Test
    void aGuardedFolderThatDoesNotExistProvesNothing() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
            git.commit().setMessage("empty").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
        }

        TaskOutcome outcome = new SourceImmutableCheck(new SourceGuard(ContractFixtures.properties(repo)))
                .run(ContractFixtures.context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("backend/src, frontend/src do not exist");
    }

    @Test
    void aMissingAppCheckoutFailsNamingTheSetting() {
        TaskOutcome outcome = new SourceImmutableCheck(new SourceGuard(ContractFixtures.properties(repo.resolve("no"))))
                .run(ContractFixtures.context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("set panel.contract.app-root=/path/to/your/app");
    }
}
