package dev.taskflow.panel.release;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Which values changed between two revisions, by dotted path; secret ones are named, never shown. */
final class ValueChanges {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(secret|password|token|api_?key|database_?url|credentials).*");

    private ValueChanges() {
    }

    static List<String> between(Map<String, Object> before, Map<String, Object> after, Collection<String> secretPaths) {
        Map<String, Object> old = flatten(before);
        Map<String, Object> now = flatten(after);
        TreeSet<String> paths = new TreeSet<>(old.keySet());
        paths.addAll(now.keySet());
        List<String> changes = new ArrayList<>();
        for (String path : paths) {
            Object was = old.get(path);
            Object is = now.get(path);
            if (Objects.equals(was, is)) {
                continue;
            }
            boolean secret = secretPaths.contains(path) || SECRET_NAME.matcher(path).matches();
            if (is == null) {
                changes.add(path + " removed");
            }
            else if (secret) {
                changes.add(path + (was == null ? " set" : " changed") + " (secret)");
            }
            else {
                changes.add(path + (was == null ? " = " : ": " + was + " → ") + is);
            }
        }
        return changes;
    }

    private static Map<String, Object> flatten(Map<String, Object> values) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", values, flat);
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> values, Map<String, Object> flat) {
        values.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(path, (Map<String, Object>) nested, flat);
            }
            else {
                flat.put(path, value);
            }
        });
    }
}
