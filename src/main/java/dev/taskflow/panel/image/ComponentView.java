package dev.taskflow.panel.image;

/**
 * What the Images page and {@code GET /api/images/{plan}} show for one component.
 *
 * @param image      its settings: context, Dockerfile, reference, budget, port
 * @param report     what the engine has under its reference, or {@code null} when not built
 * @param scan       the history scan of that image, or {@code null}
 * @param lastBuild  its last build since the panel started, or {@code null}
 * @param building   whether a build runs now
 * @param progress   the running build's latest progress, or {@code null}
 * @param problem    why the engine could not be asked (not running), or {@code null}
 */
public record ComponentView(ComponentImage image, ImageReport report, HistoryScan scan, BuildRecord lastBuild,
        boolean building, BuildProgress progress, String problem) {
}
