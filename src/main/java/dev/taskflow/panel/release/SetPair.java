package dev.taskflow.panel.release;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.taskflow.panel.pipeline.InvalidRequestException;

/**
 * One {@code --set key=value} override for an upgrade.
 *
 * @param key   the value's path in the chart ({@code backend.replicaCount}, {@code ingress.hosts[0]})
 * @param value the value as Helm's {@code --set} reads it
 */
public record SetPair(String key, String value) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+(\\[\\d+])?(\\.[A-Za-z0-9_-]+(\\[\\d+])?)*");

    /** Parses {@code key=value} pairs, one per line or comma-free entry, naming every one that does not parse. */
    public static List<SetPair> parseAll(List<String> pairs) {
        List<SetPair> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int index = 0; index < pairs.size(); index++) {
            String pair = pairs.get(index).strip();
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals).strip();
            if (equals <= 0 || !KEY.matcher(key).matches()) {
                problems.add("#" + (index + 1) + " '" + key + "'");
                continue;
            }
            parsed.add(new SetPair(key, pair.substring(equals + 1).strip()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("These --set pairs do not parse: " + String.join(", ", problems)
                    + ". Write each as key=value, with the key a dotted path of letters, digits, '_' and '-' "
                    + "(e.g. backend.replicaCount=3 or ingress.hosts[0]=todo.local).");
        }
        return List.copyOf(parsed);
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
