package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PodLogMatchCheckTests {

    static final String PASSWORD = "s3cret-db-password";

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    static PodLogMatchCheck check;

    @BeforeAll
    static void arrange() {
        mock.readyPod("backend-1", "backend", Duration.ZERO, Duration.ofSeconds(5));
        mock.log("backend-1", "backend", 200, "INFO:     Started server process [1]\n"
                + "INFO:     Pool for postgresql://taskflow:" + PASSWORD + "@db.example.neon.tech/taskflow is ready\n"
                + "INFO:     Database connection ready\n"
                + "INFO:     Uvicorn running on http://0.0.0.0:8000\n", false);
        check = new PodLogMatchCheck(mock.cluster(), new LogSearch(mock.cluster()));
    }

    @Test
    void theDatabaseLinesOfTheBackendLogPassWithTheDatabasePasswordMasked() {
        TaskOutcome outcome = check.run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).startsWith("2 line(s) match /(?i)(postgres|database).*(connect|ready)/, e.g. "
                + "INFO:     Pool for postgresql://taskflow:" + SecretMasker.HIDDEN + "@db.example.neon.tech");
        assertThat(outcome.evidence()).singleElement().satisfies(evidence -> {
            assertThat(evidence.title()).isEqualTo("Search /(?i)(postgres|database).*(connect|ready)/ in the last 200 "
                    + "log lines of [backend-1]");
            assertThat(evidence.body()).contains("backend-1 | INFO:     Database connection ready")
                    .doesNotContain("Uvicorn");
            assertThat(evidence.values()).containsEntry("linesRead", "4").containsEntry("matches", "2");
        });
        assertThat(outcome.summary() + outcome.evidence()).doesNotContain(PASSWORD);
    }

    @Test
    void aPatternNoLineMatchesFailsPointingToTheLogsPage() {
        TaskOutcome outcome = check.run(context(Map.of("pattern", "Application startup complete")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("No line of the last 4 log lines of backend-1 matches /Application "
                + "startup complete/: read the logs on the Logs page, and adjust the pattern to the app's real startup "
                + "line.");
        assertThat(outcome.evidence().get(0).body()).isEqualTo("No line matched.");
    }

    @Test
    void aComponentWithoutPodsFailsAskingForTheReleaseToBeInstalled() {
        TaskOutcome outcome = check.run(context(Map.of("component", "frontend")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("There is no frontend pod to read logs from: install the release "
                + "first.");
    }

    @Test
    void aPatternThatIsNotARegularExpressionIsRefused() {
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> check.run(context(Map.of("pattern", "(unclosed"))))
                .withMessageStartingWith("The pattern '(unclosed' is not a regular expression");
    }

    private static CheckContext context(Map<String, String> parameters) {
        return new CheckContext(new Plan("taskflow", "TaskFlow", "seed.md", "summary", List.of()), null, parameters,
                line -> {
                }, () -> false);
    }
}
