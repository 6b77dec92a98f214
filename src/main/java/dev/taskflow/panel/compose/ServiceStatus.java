package dev.taskflow.panel.compose;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One compose service as its container stands now.
 *
 * @param service    the compose service name
 * @param container  the container's name
 * @param state      the engine's state: created, running, restarting, exited, dead …
 * @param health     healthy, unhealthy or starting; {@code none} when the service has no health check
 * @param ports      published ports as {@code 127.0.0.1:8000->8000/tcp}
 * @param startedAt  when the container last started, or {@code null} when it never did
 * @param exitCode   its exit code once it has exited, else {@code null}
 * @param healthNote what the last health check printed (masked, trimmed), or {@code null}
 */
public record ServiceStatus(String service, String container, String state, String health, List<String> ports,
        Instant startedAt, Long exitCode, String healthNote) {

    public ServiceStatus {
        ports = List.copyOf(ports);
    }

    /** Running, and healthy when it has a health check: what "up" means for the stack. */
    @JsonProperty
    public boolean ready() {
        return "running".equals(state) && ("healthy".equals(health) || "none".equals(health));
    }

    /** Stopped for good or failing its health check: waiting longer will not help. */
    public boolean failed() {
        return "exited".equals(state) || "dead".equals(state) || "unhealthy".equals(health);
    }

    /** One word for the page's colours: healthy, running, starting, unhealthy, exited … */
    @JsonProperty
    public String condition() {
        if (!"running".equals(state)) {
            return state;
        }
        return "none".equals(health) ? "running" : health;
    }
}
