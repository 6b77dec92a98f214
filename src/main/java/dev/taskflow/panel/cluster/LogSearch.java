package dev.taskflow.panel.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.taskflow.panel.pipeline.InvalidRequestException;
import io.fabric8.kubernetes.api.model.Pod;

import org.springframework.stereotype.Component;

/** Searches the recent logs of a component's pods for a pattern (T059, T091: the database connection message). */
@Component
public class LogSearch {

    private final ClusterService cluster;

    LogSearch(ClusterService cluster) {
        this.cluster = cluster;
    }

    /**
     * The lines matching, per pod, masked.
     *
     * @param pattern a Java regular expression, e.g. {@code (?i)(postgres|database).*(connect|ready)}
     */
    public Matches search(String app, String component, String pattern) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        }
        catch (PatternSyntaxException ex) {
            throw new InvalidRequestException("The pattern '" + pattern + "' is not a regular expression: "
                    + ex.getDescription() + ".");
        }
        List<Match> matches = new ArrayList<>();
        List<String> searched = new ArrayList<>();
        int lines = 0;
        for (String part : ClusterService.components(component)) {
            for (Pod pod : cluster.componentPods(app, part)) {
                String name = pod.getMetadata().getName();
                searched.add(name);
                List<String> log = cluster.logTail(name, pod.getSpec().getContainers().get(0).getName(), false,
                        cluster.properties().logLines());
                lines += log.size();
                log.stream().filter(line -> compiled.matcher(line).find())
                        .forEach(line -> matches.add(new Match(name, line)));
            }
        }
        return new Matches(pattern, searched, lines, matches);
    }

    /**
     * @param pattern  the pattern searched for
     * @param pods     the pods whose logs were read
     * @param lines    how many lines were read in all
     * @param matches  the matching lines
     */
    public record Matches(String pattern, List<String> pods, int lines, List<Match> matches) {
    }

    /**
     * @param pod  the pod that wrote it
     * @param line the line, masked
     */
    public record Match(String pod, String line) {
    }
}
