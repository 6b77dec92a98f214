package dev.taskflow.panel.support;

import java.time.Duration;
import java.util.List;

/**
 * What an external program did.
 *
 * @param command  the command as typed, for evidence
 * @param exitCode its exit status ({@code -1} when it was killed)
 * @param lines    its standard output and error, interleaved as they came, in full
 * @param stdout   its standard output alone, for parsing (warnings on standard error stay out of it)
 * @param duration how long it ran
 * @param timedOut whether it was killed for running past its timeout
 */
public record ProcessOutcome(String command, int exitCode, List<String> lines, List<String> stdout, Duration duration,
        boolean timedOut) {

    public ProcessOutcome {
        lines = List.copyOf(lines);
        stdout = List.copyOf(stdout);
    }

    /** Standard output alone, as one text: what a program's answer is parsed from. */
    public String standardOutput() {
        return String.join("\n", stdout);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    public String output() {
        return String.join("\n", lines);
    }

    /** The output cut to its first and last lines, so evidence stays readable. */
    public String trimmedOutput(int maxLines) {
        if (lines.size() <= maxLines) {
            return output();
        }
        int head = maxLines / 2;
        int tail = maxLines - head;
        return String.join("\n", lines.subList(0, head)) + "\n… " + (lines.size() - maxLines) + " lines left out …\n"
                + String.join("\n", lines.subList(lines.size() - tail, lines.size()));
    }
}
