package dev.taskflow.panel.compose;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an up or down did.
 *
 * @param action        {@code up} or {@code down}
 * @param tool          which compose was used, e.g. {@code docker-compose 1.29.2}
 * @param command       the command as typed (secrets masked)
 * @param output        the command's output, trimmed and masked
 * @param duration      how long the whole operation took (for up: until every service was healthy)
 * @param timeToHealthy per service, how long after the command started it was first seen healthy (up only)
 * @param services      the services afterwards
 */
public record ComposeOperation(String action, String tool, String command, String output, Duration duration,
        Map<String, Duration> timeToHealthy, List<ServiceStatus> services) {

    public ComposeOperation {
        timeToHealthy = Map.copyOf(timeToHealthy);
        services = List.copyOf(services);
    }

    @JsonProperty
    public long durationMs() {
        return duration.toMillis();
    }

    /** Per service, milliseconds from the command's start until it was first seen healthy. */
    @JsonProperty
    public Map<String, Long> timeToHealthyMs() {
        Map<String, Long> millis = new TreeMap<>();
        timeToHealthy.forEach((service, time) -> millis.put(service, time.toMillis()));
        return millis;
    }
}
