package dev.taskflow.panel.secrets;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import dev.taskflow.panel.pipeline.InvalidRequestException;

/** The secrets file has lines that cannot be read; the message names every one by number, never its value. */
public class SecretsFileSyntaxException extends InvalidRequestException {

    private final transient List<SyntaxProblem> problems;

    public SecretsFileSyntaxException(Path location, List<SyntaxProblem> problems) {
        super(location + " cannot be read: " + problems.stream().map(SyntaxProblem::toString)
                .collect(Collectors.joining("; ")) + ". Fix " + (problems.size() == 1 ? "that line" : "those lines")
                + " and try again.");
        this.problems = List.copyOf(problems);
    }

    public List<SyntaxProblem> problems() {
        return problems;
    }
}
