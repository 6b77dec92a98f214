package dev.taskflow.panel.compose;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The local compose stack the panel brings up and down, and where the {@code compose} target answers.
 *
 * @param file              the compose file; {@code docker-compose.yml} in the panel's checkout
 *                          ({@code panel.pipeline.repo-root}) when not set
 * @param projectName       the compose project name ({@code -p}), so the panel always finds the same containers
 * @param envFile           the file compose reads variables from ({@code --env-file}); the secrets file
 *                          ({@code panel.secrets.file}) when not set and it exists
 * @param upTimeout         how long building, starting and getting every service healthy may take together
 * @param downTimeout       how long stopping and removing the stack may take
 * @param backendUrl        where the stack's backend answers on this machine (the {@code compose} target's backend)
 * @param frontendUrl       where the stack's frontend answers on this machine (the {@code compose} target's frontend)
 * @param backendService    the compose service that is the backend
 * @param frontendService   the compose service that is the frontend
 * @param backendHealthPath the backend's health path the verify check calls
 * @param failureLogLines   how many of a failed service's last log lines a failure message shows
 */
@Validated
@ConfigurationProperties("panel.compose")
public record ComposeProperties(Path file,
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]*", message = "must be lower-case letters, digits, '-' and '_' "
                + "(compose's own rule for project names)") @DefaultValue("taskflow") String projectName,
        Path envFile, @NotNull @DefaultValue("5m") Duration upTimeout,
        @NotNull @DefaultValue("2m") Duration downTimeout,
        @NotNull @DefaultValue("http://localhost:8000") URI backendUrl,
        @NotNull @DefaultValue("http://localhost:3000") URI frontendUrl,
        @NotBlank @DefaultValue("backend") String backendService,
        @NotBlank @DefaultValue("frontend") String frontendService,
        @NotBlank @DefaultValue("/health") String backendHealthPath, @DefaultValue("20") int failureLogLines) {
}
