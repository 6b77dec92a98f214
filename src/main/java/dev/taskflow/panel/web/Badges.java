package dev.taskflow.panel.web;

import java.util.Map;

import org.springframework.stereotype.Component;

/** The Bootstrap classes and icons that show a status, so every page colours a status the same way. */
@Component("badges")
public class Badges {

    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("passed", "text-bg-success"),
            Map.entry("failed", "text-bg-danger"),
            Map.entry("blocked", "text-bg-dark"),
            Map.entry("skipped", "text-bg-secondary"),
            Map.entry("cancelled", "text-bg-secondary"),
            Map.entry("interrupted", "text-bg-secondary"),
            Map.entry("manual-pending", "text-bg-warning"),
            Map.entry("manual-done", "text-bg-info"),
            Map.entry("not-automated", "text-bg-light border"),
            Map.entry("not-run", "text-bg-light border"),
            Map.entry("running", "text-bg-primary"),
            Map.entry("queued", "text-bg-secondary bg-opacity-50"),
            Map.entry("incomplete", "text-bg-warning"),
            Map.entry("pending", "text-bg-light border"),
            Map.entry("overridden", "text-bg-warning"));

    private static final Map<String, String> ICONS = Map.ofEntries(
            Map.entry("passed", "bi-check-circle-fill"),
            Map.entry("failed", "bi-x-octagon-fill"),
            Map.entry("blocked", "bi-sign-stop-fill"),
            Map.entry("manual-pending", "bi-person-fill-exclamation"),
            Map.entry("manual-done", "bi-person-check-fill"),
            Map.entry("not-automated", "bi-hand-index"),
            Map.entry("running", "bi-arrow-repeat"),
            Map.entry("queued", "bi-hourglass"),
            Map.entry("overridden", "bi-exclamation-triangle-fill"));

    public String css(String status) {
        return CLASSES.getOrDefault(status, "text-bg-light border");
    }

    public String icon(String status) {
        return ICONS.getOrDefault(status, "bi-circle");
    }

    /** Words for a status label: {@code manual-pending} reads "manual pending". */
    public String words(String status) {
        return status == null ? "" : status.replace('-', ' ');
    }
}
