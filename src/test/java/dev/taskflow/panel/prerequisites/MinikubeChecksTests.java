package dev.taskflow.panel.prerequisites;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The minikube-status, minikube-ip and minikube-start checks against a stand-in minikube that prints what the real one
 * prints and records the arguments it was given. The runner searches only the stand-in's folder.
 */
class MinikubeChecksTests {

    private static final String ALL_RUNNING = "{\"Name\":\"minikube\",\"Host\":\"Running\",\"Kubelet\":\"Running\","
            + "\"APIServer\":\"Running\",\"Kubeconfig\":\"Configured\",\"Worker\":false}";

    private static final List<String> START_OUTPUT = List.of(
            "😄  minikube v1.34.0 on Ubuntu 22.04",
            "✨  Using the docker driver based on user configuration",
            "👍  Starting \"minikube\" primary control-plane node in \"minikube\" cluster",
            "🐳  Preparing Kubernetes v1.31.0 on Docker 27.2.0 ...",
            "🏄  Done! kubectl is now configured to use \"minikube\" cluster and \"default\" namespace by default");

    @TempDir
    Path tmp;

    private Path bin;

    private Path recordedArguments;

    private ToolsProperties tools;

    private Minikube minikube;

    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void searchOnlyTheStandIn() throws IOException {
        bin = Files.createDirectories(tmp.resolve("bin"));
        recordedArguments = tmp.resolve("minikube-arguments");
        tools = new ToolsProperties(bin.toString(), Duration.ofSeconds(30), 40);
        minikube = new Minikube(new ProcessRunner(tools));
    }

    @Test
    void statusStandInAllRunningPasses() throws Exception {
        minikubeStandIn(0, ALL_RUNNING);

        TaskOutcome outcome = new MinikubeStatusCheck(minikube, tools).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("Minikube host, kubelet and apiserver are Running");
        assertThat(onlyEvidence(outcome).title()).isEqualTo("minikube status -o json");
        assertThat(onlyEvidence(outcome).values()).containsExactly(entry("exitCode", "0"), entry("host", "Running"),
                entry("kubelet", "Running"), entry("apiserver", "Running"));
        assertThat(recordedArguments).hasContent("status -o json");
    }

    @Test
    void statusStandInWithKubeletStoppedFailsNamingKubeletAndTheExitBits() throws Exception {
        minikubeStandIn(2, "{\"Name\":\"minikube\",\"Host\":\"Running\",\"Kubelet\":\"Stopped\","
                + "\"APIServer\":\"Running\",\"Kubeconfig\":\"Configured\",\"Worker\":false}");

        TaskOutcome outcome = new MinikubeStatusCheck(minikube, tools).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("Minikube is not fully up: kubelet is Stopped (exit 2 = cluster not OK). "
                + "Run `minikube start` again.");
        assertThat(onlyEvidence(outcome).values()).containsEntry("kubelet", "Stopped").containsEntry("exitCode", "2");
    }

    @Test
    void statusStandInAllStoppedFailsNamingEveryPartAndEveryExitBit() throws Exception {
        minikubeStandIn(7, "{\"Name\":\"minikube\",\"Host\":\"Stopped\",\"Kubelet\":\"Stopped\","
                + "\"APIServer\":\"Stopped\",\"Kubeconfig\":\"Stopped\",\"Worker\":false}");

        TaskOutcome outcome = new MinikubeStatusCheck(minikube, tools).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("host is Stopped, kubelet is Stopped, apiserver is Stopped")
                .contains("(exit 7 = host not OK, cluster not OK, Kubernetes not OK)");
    }

    @Test
    void statusStandInWithNoClusterFailsSayingToStartIt() throws Exception {
        minikubeStandIn(85, "🤷  Profile \"minikube\" not found. Run \"minikube profile list\" to view all profiles.",
                "👉  To start a cluster, run: \"minikube start\"");

        TaskOutcome outcome = new MinikubeStatusCheck(minikube, tools).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("No Minikube cluster answers (`minikube status` exit 85): start it with "
                + "the minikube start task.");
        assertThat(onlyEvidence(outcome).body()).contains("Profile \"minikube\" not found");
        assertThat(onlyEvidence(outcome).values()).containsExactly(entry("exitCode", "85"));
    }

    @Test
    void ipStandInWithAnAddressPassesAndRecordsIt() throws Exception {
        minikubeStandIn(0, "192.168.49.2");

        TaskOutcome outcome = new MinikubeIpCheck(minikube).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("Minikube IP is 192.168.49.2; add http://192.168.49.2:<nodePort> to "
                + "CORS_ORIGINS");
        assertThat(onlyEvidence(outcome).title()).isEqualTo("minikube ip");
        assertThat(onlyEvidence(outcome).values()).containsExactly(entry("minikubeIp", "192.168.49.2"));
        assertThat(recordedArguments).hasContent("ip");
    }

    @Test
    void ipStandInPrintingSomethingElseFails() throws Exception {
        minikubeStandIn(0, "not an address");

        TaskOutcome outcome = new MinikubeIpCheck(minikube).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("`minikube ip` gave no address (exit 0): is the cluster running? Run the "
                + "minikube start task first.");
        assertThat(onlyEvidence(outcome).body()).isEqualTo("not an address");
    }

    @Test
    void ipStandInWithNoClusterFailsNamingTheExitCode() throws Exception {
        minikubeStandIn(85, "🤷  Profile \"minikube\" not found. Run \"minikube profile list\" to view all profiles.");

        TaskOutcome outcome = new MinikubeIpCheck(minikube).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("`minikube ip` gave no address (exit 85)");
    }

    @Test
    void startStandInPassesAndStreamsEachLineToProgressInOrder() throws Exception {
        minikubeStandIn(0, START_OUTPUT.toArray(String[]::new));

        TaskOutcome outcome = new MinikubeStartCheck(minikube, tools).run(context(Map.of(), progress::add));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).matches("Minikube started with 4 CPUs and 8192 MB in \\d+ s");
        assertThat(progress).containsExactlyElementsOf(START_OUTPUT);
        assertThat(onlyEvidence(outcome).title()).isEqualTo("minikube start --cpus=4 --memory=8192");
        assertThat(onlyEvidence(outcome).body()).isEqualTo(String.join("\n", START_OUTPUT));
        assertThat(onlyEvidence(outcome).values()).containsEntry("exitCode", "0");
        assertThat(recordedArguments).hasContent("start --cpus=4 --memory=8192");
    }

    @Test
    void startStandInGetsThePlansResourcesAndDriver() throws Exception {
        minikubeStandIn(0, START_OUTPUT.toArray(String[]::new));

        TaskOutcome outcome = new MinikubeStartCheck(minikube, tools)
                .run(context(Map.of("cpus", "2", "memory", "4096", "driver", "docker"), progress::add));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).startsWith("Minikube started with 2 CPUs and 4096 MB in ");
        assertThat(recordedArguments).hasContent("start --cpus=2 --memory=4096 --driver=docker");
    }

    @Test
    void startStandInFailingForWantOfADriverGivesTheDriverHint() throws Exception {
        minikubeStandIn(55, "😄  minikube v1.34.0 on Ubuntu 22.04",
                "👎  Unable to pick a default driver. Here is what was considered, in preference order:",
                "    ▪ docker: Not healthy: \"docker version --format {{.Server.Os}}-{{.Server.Version}}\" exit status 1",
                "❌  Exiting due to DRV_NOT_DETECTED: No possible driver was detected. Try specifying --driver, or see "
                        + "https://minikube.sigs.k8s.io/docs/start/");

        TaskOutcome outcome = new MinikubeStartCheck(minikube, tools).run(context(Map.of(), progress::add));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("minikube start failed (exit 55). No driver is available: install and "
                + "start Docker, then run with --driver=docker.");
        assertThat(onlyEvidence(outcome).values()).containsEntry("exitCode", "55");
        assertThat(progress).hasSize(4).last().asString().startsWith("❌  Exiting due to DRV_NOT_DETECTED");
    }

    @Test
    void statusWithMinikubeMissingFailsWithTheInstallHint() throws Exception {
        TaskOutcome outcome = new MinikubeStatusCheck(minikube, tools).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("minikube is not installed. " + CliTool.MINIKUBE.installHint());
    }

    @Test
    void ipWithMinikubeMissingFailsWithTheInstallHint() throws Exception {
        TaskOutcome outcome = new MinikubeIpCheck(minikube).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("minikube is not installed. " + CliTool.MINIKUBE.installHint());
    }

    @Test
    void startWithMinikubeMissingFailsWithTheInstallHint() throws Exception {
        TaskOutcome outcome = new MinikubeStartCheck(minikube, tools).run(context(Map.of(), progress::add));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("minikube is not installed, so no cluster can start. "
                + CliTool.MINIKUBE.installHint());
        assertThat(progress).isEmpty();
    }

    @Test
    void statusStandInWithWarningsOnStandardErrorStillPasses() throws Exception {
        minikubeStandIn(0, ">&2 ! Executing \"docker container inspect minikube --format={{.State.Status}}\" took an "
                + "unusually long time: 2.1s", ">&2 * Restarting the docker service may improve performance.", ALL_RUNNING,
                ">&2 ! a trailing warning");

        TaskOutcome outcome = new MinikubeStatusCheck(minikube, tools).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(onlyEvidence(outcome).body()).contains("unusually long time").contains("\"Host\":\"Running\"");
    }

    @Test
    void ipStandInWithAWarningOnStandardErrorStillGivesTheAddress() throws Exception {
        minikubeStandIn(0, ">&2 ! Executing \"docker container inspect minikube --format={{.State.Status}}\" took 2.1s",
                "192.168.49.2");

        TaskOutcome outcome = new MinikubeIpCheck(minikube).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(onlyEvidence(outcome).values()).containsEntry("minikubeIp", "192.168.49.2");
    }

    /**
     * A stand-in minikube that writes its arguments to a file, prints the lines and exits with the code. A line that
     * starts with {@code >&2 } goes to standard error.
     */
    private void minikubeStandIn(int exitCode, String... lines) throws IOException {
        StringBuilder body = new StringBuilder("#!/bin/bash\nprintf '%s' \"$*\" > '" + recordedArguments + "'\n");
        for (String line : lines) {
            boolean toError = line.startsWith(">&2 ");
            String text = toError ? line.substring(4) : line;
            body.append("printf '%s\\n' '").append(text.replace("'", "'\\''")).append("'")
                    .append(toError ? " >&2" : "").append("\n");
        }
        body.append("exit ").append(exitCode).append('\n');
        Path file = bin.resolve("minikube");
        Files.writeString(file, body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Evidence onlyEvidence(TaskOutcome outcome) {
        assertThat(outcome.evidence()).hasSize(1);
        return outcome.evidence().getFirst();
    }

    private static CheckContext context(Map<String, String> parameters) {
        return context(parameters, line -> {
        });
    }

    private static CheckContext context(Map<String, String> parameters, Consumer<String> progress) {
        Task task = new Task("T005", false, null, "Cluster", "Start Minikube",
                new Task.SatisfiedBy(Task.Kind.AUTOMATED, "minikube-start", parameters, null, null));
        Plan plan = new Plan("test-plan", "Test plan", "seed.md", "A plan for tests",
                List.of(new Phase("phase-0", "Prerequisites", null, null, null, "Cluster up", null, List.of(),
                        List.of(task))));
        return new CheckContext(plan, task, parameters, progress, () -> false);
    }
}
