package dev.taskflow.panel.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to build: a context folder, a Dockerfile (inside it or not), the tags, build arguments and labels.
 *
 * @param context    the folder sent to the engine
 * @param dockerfile the Dockerfile
 * @param ignoreFile a {@code .dockerignore} to use when the context has none, or {@code null}
 * @param tags       full references, {@code name:tag}
 * @param buildArgs  build arguments
 * @param labels     labels to set on the image
 */
record BuildRequest(Path context, Path dockerfile, Path ignoreFile, List<String> tags, Map<String, String> buildArgs,
        Map<String, String> labels) {

    BuildRequest {
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
    }
}
