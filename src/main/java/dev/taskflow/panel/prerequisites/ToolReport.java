package dev.taskflow.panel.prerequisites;

import java.nio.file.Path;

/**
 * What probing one command-line tool found.
 *
 * @param tool    the tool
 * @param path    where it is installed, or {@code null} when it is not
 * @param version its version, or {@code null} when it is not installed or printed none
 * @param command the command that was run, for evidence
 * @param output  what it printed, trimmed
 * @param problem what is wrong, in plain words, or {@code null}
 */
public record ToolReport(CliTool tool, Path path, ToolVersion version, String command, String output, String problem) {

    public boolean installed() {
        return path != null;
    }

    public boolean usable() {
        return problem == null;
    }
}
