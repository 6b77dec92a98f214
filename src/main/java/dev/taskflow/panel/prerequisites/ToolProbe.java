package dev.taskflow.panel.prerequisites;

import java.time.Duration;
import java.util.Optional;

import dev.taskflow.panel.support.ProcessCommand;
import dev.taskflow.panel.support.ProcessOutcome;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.ToolNotFoundException;
import dev.taskflow.panel.support.ToolsProperties;
import org.springframework.stereotype.Service;

/** Finds out whether a command-line tool is installed, which version it is, and whether that is new enough. */
@Service
public class ToolProbe {

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(20);

    private final ProcessRunner runner;

    private final ToolsProperties tools;

    public ToolProbe(ProcessRunner runner, ToolsProperties tools) {
        this.runner = runner;
        this.tools = tools;
    }

    /**
     * @param minimum the oldest acceptable version, or {@code null} for any
     */
    public ToolReport probe(CliTool tool, ToolVersion minimum) throws InterruptedException {
        ProcessCommand command = new ProcessCommand(tool.program(), tool.versionArguments(), null,
                java.util.Map.of(), VERSION_TIMEOUT);
        if (runner.locate(tool.program()).isEmpty()) {
            return new ToolReport(tool, null, null, command.display(), "searched: " + String.join(":", runner.searchPath()),
                    tool.program() + " is not installed (not found on PATH). " + tool.installHint());
        }
        ProcessOutcome outcome;
        try {
            outcome = runner.run(command);
        }
        catch (ToolNotFoundException ex) {
            return new ToolReport(tool, null, null, command.display(), ex.getMessage(),
                    tool.program() + " could not be started. " + tool.installHint());
        }
        String output = outcome.trimmedOutput(tools.evidenceLines());
        var path = runner.locate(tool.program()).orElse(null);
        if (!outcome.succeeded()) {
            return new ToolReport(tool, path, null, command.display(), output, "`" + command.display() + "` "
                    + (outcome.timedOut() ? "did not answer within " + VERSION_TIMEOUT.toSeconds() + " s"
                            : "exited with " + outcome.exitCode()) + ": " + firstLine(output) + ". Reinstall it. "
                    + tool.installHint());
        }
        Optional<ToolVersion> version = tool.versionIn(outcome.output());
        if (version.isEmpty()) {
            return new ToolReport(tool, path, null, command.display(), output, tool.program()
                    + " printed no version the panel can read: " + firstLine(output));
        }
        if (minimum != null && !version.get().isAtLeast(minimum)) {
            return new ToolReport(tool, path, version.get(), command.display(), output, tool.program() + " "
                    + version.get() + " is older than the " + minimum.text() + " the plan needs. Upgrade it. "
                    + tool.installHint());
        }
        return new ToolReport(tool, path, version.get(), command.display(), output, null);
    }

    private static String firstLine(String output) {
        if (output == null || output.isBlank()) {
            return "(no output)";
        }
        return output.strip().lines().findFirst().orElse("");
    }
}
