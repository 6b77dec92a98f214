package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;

/**
 * What one command inside a pod did.
 *
 * @param pod      the pod
 * @param container the container
 * @param command  the command as run (display form)
 * @param tool     the program it needed
 * @param exitCode its exit code; -1 when the runtime could not start it
 * @param stdout   what it wrote to standard output (not masked: callers mask or fingerprint before showing it)
 * @param stderr   what it wrote to standard error, with the runtime's own failure message
 * @param took     how long it ran
 * @param missingTools the tools tried before this one that the image does not have
 */
record ExecResult(String pod, String container, String command, String tool, int exitCode, String stdout,
        String stderr, Duration took, List<String> missingTools) {

    ExecResult {
        missingTools = missingTools == null ? List.of() : List.copyOf(missingTools);
    }

    /** The image lacks the program: the shell's 126/127, or the runtime's "executable file not found". */
    boolean toolMissing() {
        String said = (stderr + "\n" + stdout).toLowerCase(java.util.Locale.ROOT);
        return exitCode == 126 || exitCode == 127 || (exitCode != 0 && (said.contains("executable file not found")
                || said.contains("no such file or directory") || said.contains(": not found")));
    }

    ExecResult afterMissing(List<String> missing) {
        return new ExecResult(pod, container, command, tool, exitCode, stdout, stderr, took, missing);
    }

    /** Which tool answered, and which were missing before it, in words. */
    String toolNote() {
        return "used " + tool + (missingTools.isEmpty() ? "" : " (not in the image: " + String.join(", ",
                missingTools) + ")");
    }
}
