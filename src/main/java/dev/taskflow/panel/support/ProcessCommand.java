package dev.taskflow.panel.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One external program to run: never a shell string, always a program name and its arguments.
 *
 * @param program     the program's name (looked up on the runner's search path) or an absolute path
 * @param arguments   its arguments, passed as they are
 * @param workingDir  the folder it runs in, or {@code null} for the panel's own
 * @param environment extra environment variables
 * @param timeout     how long it may run before it is killed
 */
public record ProcessCommand(String program, List<String> arguments, Path workingDir,
        Map<String, String> environment, Duration timeout) {

    public ProcessCommand {
        Objects.requireNonNull(program, "program");
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(timeout, "timeout");
    }

    public static ProcessCommand of(String program, Duration timeout, String... arguments) {
        return new ProcessCommand(program, List.of(arguments), null, Map.of(), timeout);
    }

    /** The command as a person would type it, for evidence. */
    public String display() {
        StringBuilder line = new StringBuilder(program);
        for (String argument : arguments) {
            line.append(' ').append(argument.isEmpty() || argument.contains(" ") ? "'" + argument + "'" : argument);
        }
        return line.toString();
    }
}
