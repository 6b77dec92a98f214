package dev.taskflow.panel.checks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one operation of the app is called: method, a path template and a body template with placeholders.
 *
 * @param method HTTP method
 * @param path   path template, e.g. {@code /api/v1/tasks/{task_id}} or {@code /api/{user_id}/tasks}
 * @param body   JSON body template, e.g. {@code {"title":"{title}"}}, or {@code null} for none
 */
public record ApiOperation(String method, String path, String body) {

    /** The placeholders a path may use. */
    public static final Set<String> PATH_PLACEHOLDERS = Set.of("task_id", "user_id");

    /** The placeholders a body may use. */
    public static final Set<String> BODY_PLACEHOLDERS = Set.of("email", "password", "name", "title", "description",
            "message", "completed");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");

    public static ApiOperation of(String method, String path) {
        return new ApiOperation(method, path, null);
    }

    public ApiOperation withBody(String template) {
        return new ApiOperation(method, path, template);
    }

    /** The placeholders this operation uses that the suite cannot fill. */
    List<String> unknownPlaceholders() {
        Set<String> unknown = new LinkedHashSet<>();
        collect(path, PATH_PLACEHOLDERS, unknown);
        collect(body, BODY_PLACEHOLDERS, unknown);
        return List.copyOf(unknown);
    }

    private static void collect(String template, Set<String> known, Set<String> unknown) {
        if (template == null) {
            return;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!known.contains(matcher.group(1))) {
                unknown.add("{" + matcher.group(1) + "}");
            }
        }
    }
}
