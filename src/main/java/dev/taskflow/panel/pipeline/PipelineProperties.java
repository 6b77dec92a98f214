package dev.taskflow.panel.pipeline;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How plans are run and where their results are kept.
 *
 * @param workspace   the folder holding runs, overrides and reports
 * @param repoRoot    the panel's own checkout, where artifact tasks find the files it ships
 * @param parallelism how many [P] tasks of one phase may run at once
 * @param taskTimeout how long one check may run before it is stopped and failed
 */
@Validated
@ConfigurationProperties("panel.pipeline")
public record PipelineProperties(@NotNull @DefaultValue("${user.home}/.taskflow-panel") Path workspace,
        @NotNull @DefaultValue("${user.dir}") Path repoRoot, @Min(1) @Max(16) @DefaultValue("4") int parallelism,
        @NotNull @DefaultValue("15m") Duration taskTimeout) {
}
