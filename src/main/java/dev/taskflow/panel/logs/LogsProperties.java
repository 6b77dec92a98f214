package dev.taskflow.panel.logs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How pod logs are found, kept and streamed to browsers.
 *
 * @param appLabels        the {@code app} label of each plan's pods (the chart's {@code nameOverride})
 * @param components       the {@code component} label values a component stream may name
 * @param defaultTail      how many earlier lines a stream starts with when the request names no tail
 * @param replayLines      how many recent lines each stream keeps, so a reconnecting browser resumes without a gap
 * @param clientBuffer     how many lines may wait for one slow browser before newer ones are dropped (and counted)
 * @param linger           how long a stream with no viewer keeps reading, so a browser that reconnects resumes
 * @param reconnectInitial the first wait before a cut log stream is opened again
 * @param reconnectMax     the longest wait between attempts to open a cut log stream
 * @param stableAfter      how long a log stream must stay open before a later cut counts as a new outage
 * @param heartbeat        how often an idle stream sends a comment, which is how a vanished browser is noticed
 * @param podGoneGrace     how long the log of a deleted pod is still read for its last lines
 * @param maxLineLength    longer log lines are cut to this many characters
 */
@Validated
@ConfigurationProperties("panel.logs")
public record LogsProperties(Map<String, String> appLabels,
        @NotEmpty @DefaultValue({ "backend", "frontend" }) List<String> components,
        @Min(0) @DefaultValue("500") int defaultTail,
        @Min(100) @DefaultValue("10000") int replayLines,
        @Min(10) @DefaultValue("10000") int clientBuffer,
        @NotNull @DefaultValue("10s") Duration linger,
        @NotNull @DefaultValue("500ms") Duration reconnectInitial,
        @NotNull @DefaultValue("30s") Duration reconnectMax,
        @NotNull @DefaultValue("5s") Duration stableAfter,
        @NotNull @DefaultValue("15s") Duration heartbeat,
        @NotNull @DefaultValue("30s") Duration podGoneGrace,
        @Min(80) @DefaultValue("16384") int maxLineLength) {

    /** The chart's app label per plan: the chart's own name, or the overlay's {@code nameOverride}. */
    static final Map<String, String> DEFAULT_APP_LABELS = Map.of("taskflow", "taskflow", "todo-app", "todo",
            "habit-tracker", "habit-tracker");

    public LogsProperties {
        appLabels = appLabels == null || appLabels.isEmpty() ? DEFAULT_APP_LABELS : Map.copyOf(appLabels);
        components = List.copyOf(components);
    }
}
