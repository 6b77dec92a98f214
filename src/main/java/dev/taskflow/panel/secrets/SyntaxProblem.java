package dev.taskflow.panel.secrets;

/**
 * A line of the secrets file that cannot be read, and how to write it instead. It never quotes the line, which may
 * hold a secret.
 *
 * @param line    the line number (1-based)
 * @param key     the key the line sets, when it could be read ({@code null} otherwise)
 * @param problem what is wrong and the fix
 */
public record SyntaxProblem(int line, String key, String problem) {

    @Override
    public String toString() {
        return "line " + line + (key == null ? "" : " (" + key + ")") + ": " + problem;
    }
}
