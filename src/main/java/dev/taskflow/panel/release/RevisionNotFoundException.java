package dev.taskflow.panel.release;

import java.util.List;

import dev.taskflow.panel.pipeline.PlanElementNotFoundException;

/** A revision that the release's history does not hold; the message lists the ones it does. */
public class RevisionNotFoundException extends PlanElementNotFoundException {

    RevisionNotFoundException(String release, int revision, List<Integer> known) {
        super("revision of release '" + release + "'", String.valueOf(revision),
                known.isEmpty() ? List.of("none (install the release first)")
                        : known.stream().map(String::valueOf).toList());
    }
}
