package dev.taskflow.panel.secrets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads dotenv syntax as python-dotenv and Docker Compose agree on it: {@code KEY=value}, an optional
 * {@code export }, single quotes taken literally, double quotes with {@code \n \r \t \" \\ \$} escapes, {@code #}
 * comment lines, an inline comment after whitespace in an unquoted value, blank lines and CRLF endings.
 * Problems are collected for every line rather than stopping at the first.
 */
final class DotenvParser {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Pattern EXPORT = Pattern.compile("^export[ \\t]+");

    private DotenvParser() {
    }

    /** The readable entries (a repeated key keeps its first line) and a problem for every line that is not. */
    record Parsed(List<SecretEntry> entries, List<SyntaxProblem> problems) {
    }

    static Parsed parse(String content) {
        List<SecretEntry> entries = new ArrayList<>();
        List<SyntaxProblem> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String[] lines = text.split("\n", -1);
        for (int index = 0; index < lines.length; index++) {
            int number = index + 1;
            String line = lines[index].endsWith("\r") ? lines[index].substring(0, lines[index].length() - 1) : lines[index];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String rest = EXPORT.matcher(trimmed).replaceFirst("");
            int equals = rest.indexOf('=');
            if (equals < 0) {
                problems.add(new SyntaxProblem(number, null, "no '=' on this line: write KEY=value (a value on a line "
                        + "of its own, or a value spread over several lines, cannot be read)"));
                continue;
            }
            String key = rest.substring(0, equals).strip();
            if (!KEY.matcher(key).matches()) {
                problems.add(new SyntaxProblem(number, null, key.isEmpty() ? "nothing before '=': write KEY=value"
                        : "the name before '=' must be letters, digits and _ only, not starting with a digit "
                                + "(e.g. DATABASE_URL)"));
                continue;
            }
            Value value = value(rest.substring(equals + 1));
            if (value.problem() != null) {
                problems.add(new SyntaxProblem(number, key, value.problem()));
                continue;
            }
            Integer earlier = firstLine.putIfAbsent(key, number);
            if (earlier != null) {
                problems.add(new SyntaxProblem(number, key, "is already set on line " + earlier
                        + ": keep one of the two (tools disagree on which one wins)"));
                continue;
            }
            entries.add(new SecretEntry(key, value.text(), number));
        }
        return new Parsed(entries, problems);
    }

    private record Value(String text, String problem) {
    }

    private static Value value(String afterEquals) {
        String raw = afterEquals.stripLeading();
        if (raw.startsWith("#") && raw.length() < afterEquals.length()) {
            // "KEY= # note": whitespace then # starts a comment, so the value is empty
            return new Value("", null);
        }
        if (raw.startsWith("\"")) {
            return doubleQuoted(raw);
        }
        if (raw.startsWith("'")) {
            int close = raw.indexOf('\'', 1);
            if (close < 0) {
                return new Value(null, "the single quote is never closed: close it on the same line");
            }
            return afterClosingQuote(raw.substring(1, close), raw.substring(close + 1));
        }
        String unquoted = raw;
        for (int at = 1; at < unquoted.length(); at++) {
            if (unquoted.charAt(at) == '#' && Character.isWhitespace(unquoted.charAt(at - 1))) {
                unquoted = unquoted.substring(0, at);
                break;
            }
        }
        return new Value(unquoted.stripTrailing(), null);
    }

    private static Value doubleQuoted(String raw) {
        StringBuilder out = new StringBuilder();
        for (int at = 1; at < raw.length(); at++) {
            char c = raw.charAt(at);
            if (c == '"') {
                return afterClosingQuote(out.toString(), raw.substring(at + 1));
            }
            if (c == '\\' && at + 1 < raw.length()) {
                char next = raw.charAt(++at);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case '"', '\\', '$' -> out.append(next);
                    default -> out.append('\\').append(next);
                }
            }
            else {
                out.append(c);
            }
        }
        return new Value(null, "the double quote is never closed: close it on the same line (write a line break "
                + "inside the value as \\n)");
    }

    private static Value afterClosingQuote(String value, String tail) {
        String rest = tail.strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            return new Value(null, "text follows the closing quote: quote the whole value, or put # before a comment");
        }
        return new Value(value, null);
    }
}
