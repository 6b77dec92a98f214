package dev.taskflow.panel.secrets;

import java.nio.file.Path;
import java.util.Map;

import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class SecretLengthCheckTests {

    private static final Map<String, String> SEED = Map.of("key", "BETTER_AUTH_SECRET", "min", "32");

    @TempDir
    Path folder;

    private Path file;

    private SecretLengthCheck check;

    @BeforeEach
    void setUp() {
        file = folder.resolve("secrets.env");
        SecretsProperties properties = SecretsFixtures.properties(file, folder);
        check = new SecretLengthCheck(SecretsFixtures.secretsFile(properties, new SecretMasker(), folder), properties);
    }

    @Test
    void aLongEnoughSecretPassesShowingOnlyItsFingerprintAndLength() {
        String secret = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        SecretsFixtures.write(file, "BETTER_AUTH_SECRET=" + secret + "\n");

        TaskOutcome outcome = check.run(SecretsFixtures.context("taskflow", "T014", SEED));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("BETTER_AUTH_SECRET is 64 characters (at least 32), "
                + SecretMasker.fingerprint(secret));
        assertThat(outcome.evidence().getFirst().values()).containsOnly(entry("fingerprint", SecretMasker.fingerprint(secret)),
                entry("length", "64"), entry("minimum", "32"));
        assertThat(outcome.toString()).doesNotContain(secret);
    }

    @Test
    void aSecretOneCharacterShortFailsWithHowToGenerateOne() {
        SecretsFixtures.write(file, "BETTER_AUTH_SECRET=" + "s".repeat(31) + "\n");

        TaskOutcome outcome = check.run(SecretsFixtures.context("taskflow", "T014", SEED));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("BETTER_AUTH_SECRET is 31 characters; it needs at least 32. Generate one "
                + "with openssl rand -hex 32 and use the same value for the frontend and the backend.");
    }

    @Test
    void theTemplatesPlaceholderFailsEvenThoughItIsLongEnough() {
        SecretsFixtures.write(file, "BETTER_AUTH_SECRET=CHANGE_ME_run_openssl_rand_hex_32\n");

        TaskOutcome outcome = check.run(SecretsFixtures.context("taskflow", "T014", SEED));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("BETTER_AUTH_SECRET still holds the template's placeholder");
    }

    @Test
    void anAbsentKeyOrFileFailsSayingWhatToAdd() {
        TaskOutcome noFile = check.run(SecretsFixtures.context("taskflow", "T014", SEED));
        SecretsFixtures.write(file, "OTHER=x\n");
        TaskOutcome noKey = check.run(SecretsFixtures.context("taskflow", "T014", SEED));

        assertThat(noFile.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(noFile.summary()).contains("There is no secrets file at");
        assertThat(noKey.summary()).isEqualTo(file.toAbsolutePath() + " sets no BETTER_AUTH_SECRET: add "
                + "BETTER_AUTH_SECRET= with at least 32 characters (generate one with openssl rand -hex 32).");
    }

    @Test
    void theKeyAndMinimumComeFromTheParameters() {
        SecretsFixtures.write(file, "JWT_SECRET=" + "j".repeat(40) + "\n");

        assertThat(check.run(SecretsFixtures.context("taskflow", "T014", Map.of("key", "JWT_SECRET", "min", "48")))
                .summary()).startsWith("JWT_SECRET is 40 characters; it needs at least 48.");
        assertThat(check.run(SecretsFixtures.context("taskflow", "T014", Map.of("key", "JWT_SECRET", "min", "thirty")))
                .summary()).isEqualTo("min must be a number in the plan, not 'thirty'.");
    }
}
