package dev.taskflow.panel.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.taskflow.panel.support.ProcessCommand;
import dev.taskflow.panel.support.ProcessOutcome;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.ToolsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The compose command line: file, fixed project, project folder, env file, and PWD set to the file's folder. */
class ComposeCliTests {

    @TempDir
    Path folder;

    @Test
    void theCommandNamesTheFileProjectFolderAndEnvFileAndSetsPwd() {
        Path file = folder.resolve("stack/docker-compose.yml");
        Path envFile = folder.resolve("secrets.env");
        ComposeCli cli = new ComposeCli(runner(), new ComposeTool("docker", List.of("compose"), "2.29.1"), file,
                "taskflow", envFile);

        ProcessCommand command = cli.command(Duration.ofMinutes(5), "up", "-d", "--build");

        assertThat(command.program()).isEqualTo("docker");
        assertThat(command.arguments()).containsExactly("compose", "-f", file.toString(), "-p", "taskflow",
                "--project-directory", file.getParent().toString(), "--env-file", envFile.toString(), "up", "-d",
                "--build");
        assertThat(command.workingDir()).isEqualTo(file.getParent());
        assertThat(command.environment()).containsEntry("PWD", file.getParent().toString());
        assertThat(command.timeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void withoutAnEnvFileNoneIsPassed() {
        Path file = folder.resolve("docker-compose.yml");
        ComposeCli cli = new ComposeCli(runner(), new ComposeTool("docker-compose", List.of(), "1.29.2"), file,
                "taskflow", null);

        ProcessCommand command = cli.command(Duration.ofMinutes(1), "down", "-v");

        assertThat(command.program()).isEqualTo("docker-compose");
        assertThat(command.arguments()).containsExactly("-f", file.toString(), "-p", "taskflow",
                "--project-directory", folder.toString(), "down", "-v");
        assertThat(command.environment()).doesNotContainKey("SECRETS_ENV_FILE");
    }

    @Test
    void theProgramRunsInTheFilesFolderWithPwdSetAndItsOutputStreamed() throws Exception {
        Path tools = Files.createDirectories(folder.resolve("tools"));
        Path program = Files.writeString(tools.resolve("docker-compose"), """
                #!/bin/sh
                echo "args: $*"
                echo "pwd: $PWD"
                echo "cwd: $(pwd -P)"
                """);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path stack = Files.createDirectories(folder.resolve("stack")).toRealPath();
        ComposeCli cli = new ComposeCli(new ProcessRunner(new ToolsProperties(tools.toString(), Duration.ofSeconds(10),
                40)), new ComposeTool("docker-compose", List.of(), "1.29.2"), stack.resolve("docker-compose.yml"),
                "taskflow", null);
        List<String> streamed = new ArrayList<>();

        ProcessOutcome outcome = cli.run(Duration.ofSeconds(10), streamed::add, "ps");

        assertThat(outcome.succeeded()).isTrue();
        assertThat(streamed).containsExactly("args: -f " + stack.resolve("docker-compose.yml") + " -p taskflow "
                + "--project-directory " + stack + " ps", "pwd: " + stack, "cwd: " + stack);
    }

    private ProcessRunner runner() {
        return new ProcessRunner(new ToolsProperties(null, Duration.ofSeconds(10), 40));
    }
}
