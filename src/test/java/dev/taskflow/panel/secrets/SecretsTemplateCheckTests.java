package dev.taskflow.panel.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.PipelineProperties;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.taskflow.panel.secrets.SecretsFixtures.CANARIES;
import static dev.taskflow.panel.secrets.SecretsFixtures.TASKFLOW_FILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class SecretsTemplateCheckTests {

    @TempDir
    Path folder;

    private Path file;

    private SecretsTemplateCheck check;

    @BeforeEach
    void setUp() {
        file = folder.resolve("secrets.env");
        SecretsFile secrets = SecretsFixtures.secretsFile(SecretsFixtures.properties(file, folder), new SecretMasker(),
                folder.resolve("no-tools"));
        check = new SecretsTemplateCheck(secrets, new PipelineProperties(folder, folder, 1, Duration.ofMinutes(1)));
    }

    @Test
    void withoutAFileItWritesTheTemplateAndPassesAskingThePersonToFillItIn() throws Exception {
        TaskOutcome outcome = check.run(SecretsFixtures.context("taskflow", "T013", Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("Created " + file.toAbsolutePath() + " (mode 0600) with placeholders for "
                + "DATABASE_URL, BETTER_AUTH_SECRET, BETTER_AUTH_URL, ANTHROPIC_API_KEY, CORS_ORIGINS: fill in the real "
                + "values now, then run this task again to validate them.");
        assertThat(outcome.evidence()).singleElement().satisfies(evidence -> {
            assertThat(evidence.kind()).isEqualTo(Evidence.Kind.FILE);
            assertThat(evidence.values()).containsEntry("mode", "0600");
        });
        assertThat(file).exists();
    }

    @Test
    void theHabitTrackerTemplateListsItsOwnKeys() throws Exception {
        TaskOutcome outcome = check.run(SecretsFixtures.context("habit-tracker", "T002", Map.of()));

        assertThat(outcome.summary()).contains("DATABASE_URL, JWT_SECRET, JWT_ALGORITHM, GEMINI_API_KEY, NEXT_PUBLIC_API_URL");
    }

    @Test
    void onceWrittenAnUnfilledTemplateFailsNamingEveryPlaceholder() throws Exception {
        check.run(SecretsFixtures.context("taskflow", "T013", Map.of()));

        TaskOutcome outcome = check.run(SecretsFixtures.context("taskflow", "T013", Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith(file.toAbsolutePath() + " is not ready: DATABASE_URL still holds the "
                + "template's placeholder").contains("; BETTER_AUTH_SECRET still holds", "; CORS_ORIGINS still holds")
                .endsWith("Edit the file and run this task again.");
    }

    @Test
    void aFilledFilePassesWithFingerprintsAsEvidenceAndNoValue() throws Exception {
        SecretsFixtures.write(file, TASKFLOW_FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        TaskOutcome outcome = check.run(SecretsFixtures.context("taskflow", "T013", Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo(file.toAbsolutePath() + " reads cleanly and holds real values for all 5 keys");
        Evidence evidence = outcome.evidence().getFirst();
        assertThat(evidence.values()).containsEntry("mode", "0600")
                .containsEntry("BETTER_AUTH_SECRET", SecretMasker.fingerprint(SecretsFixtures.AUTH_SECRET) + " ("
                        + SecretsFixtures.AUTH_SECRET.length() + " chars)");
        assertThat(evidence.body()).isEqualTo("All keys valid");
        CANARIES.forEach(canary -> assertThat(outcome.toString()).doesNotContain(canary));
    }

    @Test
    void aFileWithUnreadableLinesFailsNamingTheLine() throws Exception {
        SecretsFixtures.write(file, TASKFLOW_FILE + "oops\n");

        TaskOutcome outcome = check.run(SecretsFixtures.context("taskflow", "T013", Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("line 6: no '=' on this line");
    }

    @Test
    void forTheChartsSecretTemplateEveryKeyMustBeTakenFromValues() throws Exception {
        chartTemplate("""
                apiVersion: v1
                kind: Secret
                stringData:
                  DATABASE_URL: {{ .Values.secrets.databaseUrl | quote }}
                  OPENAI_API_KEY: "{{ .Values.secrets.openaiApiKey }}"
                  BETTER_AUTH_SECRET: ""
                """);

        TaskOutcome outcome = check.run(SecretsFixtures.context("todo-app", "T028", Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("The Secret template backend-secret.yaml names DATABASE_URL, "
                + "OPENAI_API_KEY, BETTER_AUTH_SECRET and takes every value from the values file");
        assertThat(outcome.evidence().getFirst().values()).containsExactly(entry("DATABASE_URL", "templated"),
                entry("OPENAI_API_KEY", "templated"), entry("BETTER_AUTH_SECRET", "placeholder"));
        assertThat(file).doesNotExist();
    }

    @Test
    void aChartSecretTemplateWithALiteralValueOrAMissingKeyFailsWithoutShowingTheValue() throws Exception {
        chartTemplate("""
                stringData:
                  DATABASE_URL: postgresql://u:literal-canary-pw@h/db
                  OPENAI_API_KEY: {{ .Values.openaiApiKey }}
                """);

        TaskOutcome outcome = check.run(SecretsFixtures.context("todo-app", "T028", Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("The Secret template backend-secret.yaml is not right: DATABASE_URL "
                + "carries a literal value: take it from the values file ({{ .Values… }}); BETTER_AUTH_SECRET is not in it.");
        assertThat(outcome.toString()).doesNotContain("literal-canary-pw");
    }

    private void chartTemplate(String content) throws IOException {
        Path template = folder.resolve("helm/taskflow/templates/backend-secret.yaml");
        Files.createDirectories(template.getParent());
        Files.writeString(template, content);
    }
}
