package dev.taskflow.panel.cluster;

import java.util.List;

import dev.taskflow.panel.pipeline.ConflictException;

/** The image has none of the tools a check can use for what it needs. */
class ToolsMissingException extends ConflictException {

    ToolsMissingException(String pod, String container, List<String> tried) {
        super("Container " + container + " of pod " + pod + " has none of " + String.join(", ", tried) + ": the check "
                + "cannot run inside it. Add one of them to the image (python3 or busybox's wget/nslookup suffice).");
    }
}
