package dev.taskflow.panel.secrets;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseProbeCheckTests {

    @TempDir
    Path folder;

    private Path file;

    private DatabaseProbeCheck check;

    @BeforeEach
    void setUp() {
        file = folder.resolve("secrets.env");
        SecretsProperties properties = SecretsFixtures.properties(file, folder);
        SecretMasker masker = new SecretMasker();
        check = new DatabaseProbeCheck(new DatabaseProbe(SecretsFixtures.secretsFile(properties, masker, folder),
                properties, masker));
    }

    @Test
    void aReachableDatabasePassesWithTargetVersionAndLatencyAsEvidence() {
        SecretsFixtures.assumeTestDatabaseAnswers();
        DatabaseUrl database = DatabaseUrl.parse(SecretsFixtures.TEST_DATABASE_URL);
        SecretsFixtures.write(file, "DATABASE_URL=" + SecretsFixtures.TEST_DATABASE_URL + "\n");

        TaskOutcome outcome = check.run(SecretsFixtures.context("taskflow", "T015", Map.of()));

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).startsWith("Connected to " + database.maskedTarget() + ": PostgreSQL ");
        Evidence evidence = outcome.evidence().getFirst();
        assertThat(evidence.values()).containsEntry("target", database.maskedTarget())
                .containsEntry("jdbcUrl", database.jdbcUrl()).containsKeys("serverVersion", "connectMs", "latencyMs");
        assertThat(outcome.toString()).doesNotContain(database.password());
    }

    @Test
    void anUnreachableDatabaseFailsWithTheExplanationAndItsKind() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        SecretsFixtures.write(file, "DATABASE_URL=postgresql+asyncpg://panel:unreachable-canary@127.0.0.1:" + closed
                + "/panel?ssl=require\n");

        TaskOutcome outcome = check.run(SecretsFixtures.context("taskflow", "T015", Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("Nothing accepts connections at 127.0.0.1:" + closed);
        assertThat(outcome.evidence().getFirst().values()).containsEntry("failure", "connection-refused")
                .containsEntry("sslmode", "require").containsEntry("target", "panel@127.0.0.1:" + closed + "/panel");
        assertThat(outcome.toString()).doesNotContain("unreachable-canary");
    }
}
