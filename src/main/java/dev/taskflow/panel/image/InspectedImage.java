package dev.taskflow.panel.image;

import java.util.List;
import java.util.Map;

/** What the engine says about one image: the parts the report and the checks need. */
record InspectedImage(String id, List<String> repoTags, long sizeBytes, String created, String user,
        List<String> exposedPorts, Map<String, String> env, Map<String, String> labels) {
}
