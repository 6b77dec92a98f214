package dev.taskflow.panel.prerequisites;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.Phase;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.Task;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.ToolsProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Runs the version checks against stand-in programs that print what the real tools print. The runner searches only
 * the stand-ins' folder, so whatever minikube, helm or kubectl this machine has is never found.
 */
class ToolVersionCheckTests {

    private static final String MINIKUBE_COMMIT = "commit: 210b148df93a80eb872ecbeb7e35281b3c582c61";

    @TempDir
    Path bin;

    private ToolProbe probe;

    @BeforeEach
    void searchOnlyTheStandIns() {
        ToolsProperties tools = new ToolsProperties(bin.toString(), Duration.ofSeconds(30), 40);
        probe = new ToolProbe(new ProcessRunner(tools), tools);
    }

    @Test
    void minikubeStandInNewEnoughPasses() throws Exception {
        Path minikube = standIn("minikube", "version", "minikube version: v1.34.0", MINIKUBE_COMMIT);

        TaskOutcome outcome = minikubeCheck().run(context(Map.of("minVersion", "1.28")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("minikube v1.34.0 is installed at " + minikube);
        assertThat(onlyEvidence(outcome).title()).isEqualTo("minikube version");
        assertThat(onlyEvidence(outcome).body()).isEqualTo("minikube version: v1.34.0\n" + MINIKUBE_COMMIT);
        assertThat(onlyEvidence(outcome).values()).containsExactly(entry("installed", "true"),
                entry("path", minikube.toString()), entry("version", "v1.34.0"), entry("required", "≥ 1.28"));
    }

    @Test
    void minikubeStandInTooOldFailsSayingWhatIsNeededAndHowToUpgrade() throws Exception {
        standIn("minikube", "version", "minikube version: v1.20.0", MINIKUBE_COMMIT);

        TaskOutcome outcome = minikubeCheck().run(context(Map.of("minVersion", "1.28")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("minikube v1.20.0 is older than the 1.28 the plan needs. Upgrade it. "
                + CliTool.MINIKUBE.installHint());
        assertThat(onlyEvidence(outcome).values()).containsEntry("version", "v1.20.0").containsEntry("installed", "true");
    }

    @Test
    void minikubeStandInIsHeldToThePlansMinimumOverTheDefault() throws Exception {
        standIn("minikube", "version", "minikube version: v1.34.0", MINIKUBE_COMMIT);

        TaskOutcome outcome = minikubeCheck().run(context(Map.of("minVersion", "1.35")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("minikube v1.34.0 is older than the 1.35 the plan needs.");
    }

    @Test
    void helmStandInOnTheThreeLinePasses() throws Exception {
        Path helm = standIn("helm", "version --short", "v3.16.2+g13654a5");

        TaskOutcome outcome = helmCheck().run(context(Map.of("major", "3")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("helm v3.16.2+g13654a5 is installed at " + helm);
        assertThat(onlyEvidence(outcome).title()).isEqualTo("helm version --short");
        assertThat(onlyEvidence(outcome).values()).containsExactly(entry("installed", "true"),
                entry("path", helm.toString()), entry("version", "v3.16.2+g13654a5"), entry("required", "3.x"));
    }

    @Test
    void helmTwoStandInFailsAsTooOld() throws Exception {
        standIn("helm", "version --short", "Client: &version.Version{SemVer:\"v2.17.0\", "
                + "GitCommit:\"a690bad98af45b015bd3da1a41f6218b1a451dbe\", GitTreeState:\"clean\"}");

        TaskOutcome outcome = helmCheck().run(context(Map.of("major", "3")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("helm v2.17.0 is older than the 3.0 the plan needs. Upgrade it.")
                .endsWith(CliTool.HELM.installHint());
        assertThat(onlyEvidence(outcome).values()).containsEntry("version", "v2.17.0");
    }

    @Test
    void helmFourStandInFailsWhenThePlanNamesTheThreeLine() throws Exception {
        standIn("helm", "version --short", "v4.0.0+g99cd196");

        TaskOutcome outcome = helmCheck().run(context(Map.of("major", "3")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("helm v4.0.0+g99cd196 is not the 3.x line the plan names. "
                + CliTool.HELM.installHint());
        assertThat(onlyEvidence(outcome).values()).containsEntry("version", "v4.0.0+g99cd196")
                .containsEntry("required", "3.x");
    }

    @Test
    void kubectlStandInWithDispatcherSuffixPassesWithoutAMinimum() throws Exception {
        Path kubectl = standIn("kubectl", "version --client", "Client Version: v1.32.4-dispatcher",
                "Kustomize Version: v5.5.0");

        TaskOutcome outcome = kubectlCheck().run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("kubectl v1.32.4-dispatcher is installed at " + kubectl);
        assertThat(onlyEvidence(outcome).values()).containsExactly(entry("installed", "true"),
                entry("path", kubectl.toString()), entry("version", "v1.32.4-dispatcher"));
    }

    @ParameterizedTest
    @EnumSource(CliTool.class)
    void missingStandInFailsAsNotInstalledWithTheInstallHint(CliTool tool) throws Exception {
        TaskOutcome outcome = new ToolVersionCheck(tool.program() + "-version", tool, probe, null).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo(tool.program() + " is not installed (not found on PATH). "
                + tool.installHint());
        assertThat(onlyEvidence(outcome).body()).isEqualTo("searched: " + bin);
        assertThat(onlyEvidence(outcome).values()).containsExactly(entry("installed", "false"));
    }

    @Test
    void helmStandInThatExitsWithOneFailsNamingTheExitCode() throws Exception {
        Path helm = script("helm", "echo 'Error: unknown flag: --short' >&2\nexit 1");

        TaskOutcome outcome = helmCheck().run(context(Map.of("major", "3")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("`helm version --short` exited with 1: Error: unknown flag: --short. "
                + "Reinstall it. " + CliTool.HELM.installHint());
        assertThat(onlyEvidence(outcome).values()).containsEntry("installed", "true")
                .containsEntry("path", helm.toString()).doesNotContainKey("version");
    }

    @Test
    void minikubeStandInThatPrintsNoVersionFailsQuotingWhatItPrinted() throws Exception {
        standIn("minikube", "version", "something unexpected");

        TaskOutcome outcome = minikubeCheck().run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("minikube printed no version the panel can read: something unexpected");
    }

    private ToolVersionCheck minikubeCheck() {
        return new ToolVersionCheck("minikube-version", CliTool.MINIKUBE, probe, "1.28");
    }

    private ToolVersionCheck helmCheck() {
        return new ToolVersionCheck("helm-version", CliTool.HELM, probe, "3.0");
    }

    private ToolVersionCheck kubectlCheck() {
        return new ToolVersionCheck("kubectl-version", CliTool.KUBECTL, probe, null);
    }

    /** A stand-in that prints the given lines when asked with exactly the expected arguments, and complains otherwise. */
    private Path standIn(String program, String expectedArguments, String... lines) throws IOException {
        StringBuilder body = new StringBuilder("if [ \"$*\" != '" + expectedArguments + "' ]; then\n"
                + "  echo \"unexpected arguments: $*\" >&2\n  exit 64\nfi\n");
        for (String line : lines) {
            body.append("printf '%s\\n' '").append(line.replace("'", "'\\''")).append("'\n");
        }
        return script(program, body.toString());
    }

    private Path script(String program, String body) throws IOException {
        Path file = bin.resolve(program);
        Files.writeString(file, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Evidence onlyEvidence(TaskOutcome outcome) {
        assertThat(outcome.evidence()).hasSize(1);
        return outcome.evidence().getFirst();
    }

    private static CheckContext context(Map<String, String> parameters) {
        Task task = new Task("T002", true, null, "Tools", "Verify the tool's version",
                new Task.SatisfiedBy(Task.Kind.AUTOMATED, "tool-version", parameters, null, null));
        Plan plan = new Plan("test-plan", "Test plan", "seed.md", "A plan for tests",
                List.of(new Phase("phase-0", "Prerequisites", null, null, null, "Tools ready", null, List.of(),
                        List.of(task))));
        List<String> progress = new ArrayList<>();
        return new CheckContext(plan, task, parameters, progress::add, () -> false);
    }
}
