package dev.taskflow.panel.compose;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The stack as it stands now.
 *
 * @param project          the compose project name
 * @param file             the compose file
 * @param services         each service's container, by service name
 * @param targetRegistered whether the {@code compose} target is registered for checks
 */
public record ComposeStatus(String project, String file, List<ServiceStatus> services, boolean targetRegistered) {

    public ComposeStatus {
        services = List.copyOf(services);
    }

    /** Every service is up (and there is at least one). */
    @JsonProperty
    public boolean healthy() {
        return !services.isEmpty() && services.stream().allMatch(ServiceStatus::ready);
    }

    /** One word for the whole stack: down, healthy, failing or starting. */
    @JsonProperty
    public String condition() {
        if (services.isEmpty()) {
            return "down";
        }
        if (healthy()) {
            return "healthy";
        }
        return services.stream().anyMatch(ServiceStatus::failed) ? "failing" : "starting";
    }
}
