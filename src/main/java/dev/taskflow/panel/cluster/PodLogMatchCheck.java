package dev.taskflow.panel.cluster;

import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;

import org.springframework.stereotype.Component;

/** A pattern in the recent logs of a component's pods: the database connection message and the like (T059, T091). */
@Component
class PodLogMatchCheck implements Check {

    private final ClusterService cluster;

    private final LogSearch search;

    PodLogMatchCheck(ClusterService cluster, LogSearch search) {
        this.cluster = cluster;
        this.search = search;
    }

    @Override
    public String id() {
        return "pod-log-match";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        String component = context.parameter("component", "backend");
        String pattern = context.parameter("pattern", "(?i)(postgres|database).*(connect|ready)");
        LogSearch.Matches found = search.search(cluster.appLabel(context.plan().id()), component, pattern);
        Evidence evidence = new Evidence(Evidence.Kind.COMMAND, "Search /" + pattern + "/ in the last "
                + cluster.properties().logLines() + " log lines of " + found.pods(),
                found.matches().isEmpty() ? "No line matched." : String.join("\n", found.matches().stream()
                        .map(match -> match.pod() + " | " + match.line()).toList()),
                Map.of("linesRead", String.valueOf(found.lines()), "matches", String.valueOf(found.matches().size())));
        if (found.pods().isEmpty()) {
            return TaskOutcome.failed("There is no " + component + " pod to read logs from: install the release "
                    + "first.", evidence);
        }
        return TaskOutcome.of(!found.matches().isEmpty(), found.matches().isEmpty()
                ? "No line of the last " + found.lines() + " log lines of " + String.join(", ", found.pods())
                        + " matches /" + pattern + "/: read the logs on the Logs page, and adjust the pattern to the "
                        + "app's real startup line."
                : found.matches().size() + " line(s) match /" + pattern + "/, e.g. " + found.matches().get(0).line(),
                List.of(evidence));
    }
}
