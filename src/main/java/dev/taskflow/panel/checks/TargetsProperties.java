package dev.taskflow.panel.checks;

import java.net.URI;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The deployments people configure by hand, by name ({@code panel.targets.production.backend-url=…}).
 *
 * @param targets each named target's URLs
 */
@Validated
@ConfigurationProperties("panel")
public record TargetsProperties(@DefaultValue Map<String, Urls> targets) {

    /**
     * @param backendUrl  the backend's base URL
     * @param frontendUrl the frontend's base URL, if any
     */
    public record Urls(URI backendUrl, URI frontendUrl) {
    }
}
