package dev.taskflow.panel.checks;

import java.util.Collection;

import dev.taskflow.panel.pipeline.InvalidRequestException;

/** A target name nobody registered; the message lists the known ones and how to add one. */
public class UnknownTargetException extends InvalidRequestException {

    public UnknownTargetException(String name, Collection<String> known) {
        super("No target named '" + name + "'. Known targets: " + (known.isEmpty() ? "none" : String.join(", ", known))
                + ". Configure one with panel.targets." + name + ".backend-url=https://…, or pass a URL instead.");
    }
}
