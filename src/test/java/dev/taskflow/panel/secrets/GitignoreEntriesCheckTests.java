package dev.taskflow.panel.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GitignoreEntriesCheckTests {

    @TempDir
    Path folder;

    private Path appRoot;

    private GitignoreEntriesCheck check;

    @BeforeEach
    void setUp() throws IOException {
        appRoot = Files.createDirectories(folder.resolve("app"));
        check = checkFor(appRoot);
    }

    @Test
    void withNoEntriesNamedTheSecretsFileMustBeIgnored() throws IOException {
        Files.writeString(appRoot.resolve(".gitignore"), "*.env\n");

        TaskOutcome outcome = check.run(SecretsFixtures.context("habit-tracker", "T003", Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo(appRoot.resolve(".gitignore") + " ignores secrets.env");
    }

    @Test
    void missingEntriesFailNamingThemAndHowToAddThemWithoutChangingTheFile() throws IOException {
        Path gitignore = Files.writeString(appRoot.resolve(".gitignore"), "secrets.yaml\n");

        TaskOutcome outcome = check.run(SecretsFixtures.context("todo-app", "T105",
                Map.of("entries", ".env.k8s,secrets.yaml")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo(gitignore + " does not ignore .env.k8s: add them with \"Add .gitignore "
                + "entries\" on the Secrets page, or POST /api/secrets/gitignore?entries=.env.k8s,secrets.yaml.");
        assertThat(outcome.evidence().getFirst().values()).containsEntry("present", "secrets.yaml")
                .containsEntry("missing", ".env.k8s");
        assertThat(gitignore).hasContent("secrets.yaml");
    }

    @Test
    void withoutAGitignoreNothingIsIgnored() {
        TaskOutcome outcome = check.run(SecretsFixtures.context("habit-tracker", "T003", Map.of()));

        assertThat(outcome.summary()).startsWith(appRoot.resolve(".gitignore") + " does not exist, so nothing ignores "
                + "secrets.env");
        assertThat(appRoot.resolve(".gitignore")).doesNotExist();
    }

    @Test
    void aMissingAppCheckoutFailsNamingTheSetting() {
        TaskOutcome outcome = checkFor(folder.resolve("nowhere"))
                .run(SecretsFixtures.context("habit-tracker", "T003", Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("does not exist: set panel.secrets.app-root");
    }

    private GitignoreEntriesCheck checkFor(Path root) {
        return new GitignoreEntriesCheck(SecretsFixtures.secretsFile(
                SecretsFixtures.properties(folder.resolve("secrets.env"), root), new SecretMasker(), folder));
    }
}
