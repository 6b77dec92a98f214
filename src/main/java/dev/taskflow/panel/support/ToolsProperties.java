package dev.taskflow.panel.support;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the panel finds external programs and how long they may run.
 *
 * @param searchPath     folders searched for programs, separated like PATH; empty means the panel's own PATH
 * @param defaultTimeout how long a program may run when its caller names no timeout
 * @param evidenceLines  how many output lines a piece of evidence keeps (first and last halves)
 */
@Validated
@ConfigurationProperties("panel.tools")
public record ToolsProperties(String searchPath, @DefaultValue("30s") Duration defaultTimeout,
        @DefaultValue("40") int evidenceLines) {
}
