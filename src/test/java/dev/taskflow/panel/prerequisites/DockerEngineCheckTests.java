package dev.taskflow.panel.prerequisites;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.Phase;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.Task;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.ToolsProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The docker-engine check against the real engine at the default socket, and against an address where no engine
 * answers ({@code DOCKER_HOST} set as a system property, which docker-java reads).
 */
class DockerEngineCheckTests {

    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    @TempDir
    Path tmp;

    private Path bin;

    private String dockerHostBefore;

    @BeforeEach
    void rememberDockerHost() throws IOException {
        dockerHostBefore = System.getProperty("DOCKER_HOST");
        bin = Files.createDirectories(tmp.resolve("bin"));
    }

    @AfterEach
    void restoreDockerHost() {
        if (dockerHostBefore == null) {
            System.clearProperty("DOCKER_HOST");
        }
        else {
            System.setProperty("DOCKER_HOST", dockerHostBefore);
        }
    }

    @Test
    void realEnginePassesWithItsVersionAndApiVersion() throws Exception {
        Assumptions.assumeTrue(System.getenv("DOCKER_HOST") == null && dockerHostBefore == null,
                "DOCKER_HOST points elsewhere; this test talks to the engine at " + DEFAULT_SOCKET);
        String engineVersion = engineAnswer("/version");
        Assumptions.assumeTrue(engineVersion != null, "no Docker engine answers at " + DEFAULT_SOCKET);

        TaskOutcome outcome = check(bin).run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        Evidence evidence = onlyEvidence(outcome);
        Map<String, String> values = evidence.values();
        assertThat(values).containsEntry("state", "running").containsEntry("host", "unix:///var/run/docker.sock");
        assertThat(values.get("version")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(values.get("apiVersion")).matches("\\d+\\.\\d+");
        assertThat(engineVersion).contains("\"Version\":\"" + values.get("version") + "\"")
                .contains("\"ApiVersion\":\"" + values.get("apiVersion") + "\"");
        assertThat(outcome.summary()).isEqualTo("Docker Engine " + values.get("version") + " is running (API "
                + values.get("apiVersion") + ", " + values.get("platform") + ")");
        assertThat(evidence.title()).isEqualTo("docker-java: ping + version at unix:///var/run/docker.sock");
    }

    @Test
    void standInDockerProgramWithNoEngineFailsAsNotRunningAndSaysHowToStartIt() throws Exception {
        String host = nowhere();
        Path docker = bin.resolve("docker");
        Files.writeString(docker, "#!/bin/bash\necho 'Cannot connect to the Docker daemon at " + host
                + ". Is the docker daemon running?' >&2\nexit 1\n");
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));

        TaskOutcome outcome = check(bin).run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("Docker is installed but its engine does not answer at " + host + " (")
                .contains("Start Docker Desktop, or `sudo dockerd &` / `sudo systemctl start docker`")
                .endsWith("if it runs elsewhere, set DOCKER_HOST.");
        assertThat(onlyEvidence(outcome).values()).containsExactly(entry("state", "not-running"), entry("host", host));
        assertThat(onlyEvidence(outcome).body()).isEqualTo(outcome.summary());
    }

    @Test
    void emptySearchPathWithNoEngineFailsAsNotInstalled() throws Exception {
        String host = nowhere();

        TaskOutcome outcome = check(bin).run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("Docker is not installed: no docker program and no engine at " + host
                + ". Install Docker Desktop (or `apt-get install docker.io`) and start it.");
        assertThat(onlyEvidence(outcome).values()).containsExactly(entry("state", "not-installed"), entry("host", host));
    }

    /** Points docker-java at a socket in a folder that does not exist. */
    private static String nowhere() {
        String host = "unix:///tmp/" + UUID.randomUUID() + "/docker.sock";
        System.setProperty("DOCKER_HOST", host);
        return host;
    }

    /** The search path is only {@code folder}: an empty folder means no docker program, whatever this machine has. */
    private static DockerEngineCheck check(Path folder) {
        return new DockerEngineCheck(new DockerEngine(new ProcessRunner(
                new ToolsProperties(folder.toString(), Duration.ofSeconds(30), 40))));
    }

    /** The engine's raw answer to a GET on the default socket, or {@code null} when nothing answers. */
    private static String engineAnswer(String path) {
        if (!Files.exists(DEFAULT_SOCKET)) {
            return null;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(DEFAULT_SOCKET))) {
            channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            StringBuilder answer = new StringBuilder();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) > 0) {
                answer.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
                buffer.clear();
            }
            return answer.toString().startsWith("HTTP/1.0 200") || answer.toString().startsWith("HTTP/1.1 200")
                    ? answer.toString() : null;
        }
        catch (IOException ex) {
            return null;
        }
    }

    private static Evidence onlyEvidence(TaskOutcome outcome) {
        assertThat(outcome.evidence()).hasSize(1);
        return outcome.evidence().getFirst();
    }

    private static CheckContext context() {
        Task task = new Task("T003", false, null, null, "Verify Docker is running",
                new Task.SatisfiedBy(Task.Kind.AUTOMATED, "docker-engine", Map.of(), null, null));
        Plan plan = new Plan("test-plan", "Test plan", "seed.md", "A plan for tests",
                List.of(new Phase("phase-0", "Prerequisites", null, null, null, "Docker runs", null, List.of(),
                        List.of(task))));
        return new CheckContext(plan, task, Map.of(), line -> {
        }, () -> false);
    }
}
