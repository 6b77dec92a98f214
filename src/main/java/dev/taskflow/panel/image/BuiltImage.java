package dev.taskflow.panel.image;

import java.time.Duration;
import java.util.List;

/**
 * What a finished build produced.
 *
 * @param imageId  the engine's id of the image
 * @param tags     the references it was tagged with
 * @param steps    how many Dockerfile steps ran
 * @param cached   how many of them the engine took from its cache
 * @param duration how long the build took
 * @param log      the build's output
 */
public record BuiltImage(String imageId, List<String> tags, int steps, int cached, Duration duration,
        List<String> log) {

    public BuiltImage {
        tags = List.copyOf(tags);
        log = List.copyOf(log);
    }
}
