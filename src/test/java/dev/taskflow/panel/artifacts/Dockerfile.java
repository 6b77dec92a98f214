package dev.taskflow.panel.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read into its instructions (continuation lines joined, comments dropped), each with the build stage
 * it belongs to, so tests can ask about order and stages the way the builder sees them.
 */
record Dockerfile(List<Instruction> instructions) {

    /** ENV and ARG names that would carry a secret into an image's layers or history. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|APIKEY|PRIVATE_KEY|CREDENTIAL|DATABASE_URL");

    /** A NAME in NAME=value or NAME value, once quoted values are blanked out. */
    private static final Pattern SETTING_NAME = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)(?==|\\s|$)");

    /** One instruction: its keyword in upper case, its arguments as written, and its stage (-1 before any FROM). */
    record Instruction(String keyword, String arguments, int stage) {

        boolean is(String keyword, String argumentsStart) {
            return this.keyword.equals(keyword) && arguments.startsWith(argumentsStart);
        }
    }

    static Dockerfile read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int stage = -1;
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String joined = pending.toString().strip().replaceAll("\\s+", " ");
            pending.setLength(0);
            int space = joined.indexOf(' ');
            String keyword = (space < 0 ? joined : joined.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : joined.substring(space + 1);
            if (keyword.equals("FROM")) {
                stage++;
            }
            instructions.add(new Instruction(keyword, arguments, stage));
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
    }

    int lastStage() {
        return instructions.getLast().stage();
    }

    List<Instruction> stage(int stage) {
        return instructions.stream().filter(instruction -> instruction.stage() == stage).toList();
    }

    /** The stage named with FROM ... AS name. */
    int stageNamed(String name) {
        return all("FROM").stream().filter(from -> from.arguments().toLowerCase(Locale.ROOT)
                .endsWith(" as " + name)).findFirst().orElseThrow(() -> new AssertionError("No stage " + name))
                .stage();
    }

    /** Position of the first instruction with this keyword whose arguments start so, or -1. */
    int indexOf(String keyword, String argumentsStart) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).is(keyword, argumentsStart)) {
                return i;
            }
        }
        return -1;
    }

    /** The default of a global ARG (one declared before the first FROM). */
    Optional<String> globalArgDefault(String name) {
        return instructions.stream().filter(instruction -> instruction.stage() == -1 && instruction.keyword()
                .equals("ARG") && instruction.arguments().startsWith(name + "=")).findFirst()
                .map(instruction -> instruction.arguments().substring(name.length() + 1));
    }

    /** The user the final stage runs as, from its last USER instruction. */
    Optional<String> finalUser() {
        return stage(lastStage()).stream().filter(instruction -> instruction.keyword().equals("USER"))
                .reduce((first, second) -> second).map(Instruction::arguments);
    }

    /** Every ENV or ARG name that looks like it holds a secret. */
    List<String> secretLookingSettings() {
        List<String> names = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("ENV") || instruction.keyword().equals("ARG")) {
                Matcher name = SETTING_NAME.matcher(instruction.arguments().replaceAll("\"[^\"]*\"", "\"\""));
                while (name.find()) {
                    if (SECRET_NAME.matcher(name.group(1)).find()) {
                        names.add(instruction.keyword() + " " + name.group(1));
                    }
                }
            }
        }
        return names;
    }
}
