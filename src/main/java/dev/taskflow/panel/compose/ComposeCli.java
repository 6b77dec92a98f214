package dev.taskflow.panel.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.taskflow.panel.support.ProcessCommand;
import dev.taskflow.panel.support.ProcessOutcome;
import dev.taskflow.panel.support.ProcessRunner;

/**
 * Runs one compose command for the stack: the compose file, the fixed project name, the project folder (the compose
 * file's, with {@code PWD} set to it since the file builds paths from {@code ${PWD}}) and the env file.
 */
final class ComposeCli {

    private final ProcessRunner runner;

    private final ComposeTool tool;

    private final Path file;

    private final String project;

    private final Path envFile;

    ComposeCli(ProcessRunner runner, ComposeTool tool, Path file, String project, Path envFile) {
        this.runner = runner;
        this.tool = tool;
        this.file = file;
        this.project = project;
        this.envFile = envFile;
    }

    ComposeTool tool() {
        return tool;
    }

    ProcessCommand command(Duration timeout, String... subcommand) {
        Path folder = file.getParent();
        List<String> arguments = new ArrayList<>(tool.prefix());
        arguments.addAll(List.of("-f", file.toString(), "-p", project, "--project-directory", folder.toString()));
        if (envFile != null) {
            arguments.addAll(List.of("--env-file", envFile.toString()));
        }
        arguments.addAll(List.of(subcommand));
        Map<String, String> environment = new HashMap<>();
        environment.put("PWD", folder.toString());
        // The repository's file reads secrets from ${SECRETS_ENV_FILE:-secrets.env}: the same file as --env-file.
        if (envFile != null && System.getenv("SECRETS_ENV_FILE") == null) {
            environment.put("SECRETS_ENV_FILE", envFile.toString());
        }
        return new ProcessCommand(tool.program(), arguments, folder, environment, timeout);
    }

    ProcessOutcome run(Duration timeout, Consumer<String> onLine, String... subcommand) throws InterruptedException {
        return runner.run(command(timeout, subcommand), onLine);
    }
}
