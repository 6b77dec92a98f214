package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the panel watches, probes and changes the deployed app on the cluster.
 *
 * @param appLabels         the value of the pods' {@code app} label per plan (the chart's nameOverride)
 * @param defaultAppLabel   the {@code app} label for plans not listed in {@code appLabels}
 * @param podReadyBudget    how long one pod may take from creation to Ready (the seeds' 2 minutes)
 * @param deploymentBudget  how long the whole deployment may take until every pod is Ready (the seeds' 5 minutes)
 * @param memoryBudgetMb    the memory the release may use in total, in MiB (the seeds' 2 GB)
 * @param cpuBudget         the CPU cores the release may use in total (the seeds' 2 cores)
 * @param pollInterval      how often a wait looks at the pods again
 * @param execTimeout       how long one command inside a pod may take
 * @param logLines          how many recent log lines a log search or a diagnosis reads per container
 * @param balanceRequests   how many requests the load-balancing proof sends through the backend Service
 * @param sharedSecretKeys  the auth secret's names; backend and frontend must hold the same value
 * @param expectedEnv       variables each component's pods must have, per plan ({@code plan.component})
 */
@Validated
@ConfigurationProperties("panel.cluster-ops")
public record ClusterOpsProperties(Map<String, String> appLabels,
        @NotBlank @DefaultValue("taskflow") String defaultAppLabel,
        @NotNull @DefaultValue("2m") Duration podReadyBudget,
        @NotNull @DefaultValue("5m") Duration deploymentBudget,
        @Positive @DefaultValue("2048") long memoryBudgetMb,
        @Positive @DefaultValue("2") double cpuBudget,
        @NotNull @DefaultValue("1s") Duration pollInterval,
        @NotNull @DefaultValue("20s") Duration execTimeout,
        @Min(10) @Max(5000) @DefaultValue("200") int logLines,
        @Min(2) @Max(500) @DefaultValue("20") int balanceRequests,
        @DefaultValue({ "BETTER_AUTH_SECRET", "JWT_SECRET" }) List<String> sharedSecretKeys,
        Map<String, List<String>> expectedEnv) {

    static final Map<String, String> DEFAULT_APP_LABELS = Map.of("taskflow", "taskflow", "todo-app", "todo",
            "habit-tracker", "habit-tracker");

    /** What the seeds ask to find in each pod (T057, T058, T035); keys are {@code plan.component}. */
    static final Map<String, List<String>> DEFAULT_EXPECTED_ENV = Map.of(
            "taskflow.backend", List.of("DATABASE_URL", "BETTER_AUTH_SECRET", "ANTHROPIC_API_KEY", "CORS_ORIGINS",
                    "API_PREFIX", "ENVIRONMENT", "DEBUG"),
            "taskflow.frontend", List.of("NEXT_PUBLIC_API_URL", "BETTER_AUTH_SECRET"),
            "todo-app.backend", List.of("DATABASE_URL", "BETTER_AUTH_SECRET", "OPENAI_API_KEY", "CORS_ORIGINS"),
            "todo-app.frontend", List.of("NEXT_PUBLIC_API_URL", "BETTER_AUTH_SECRET"),
            "habit-tracker.backend", List.of("DATABASE_URL", "JWT_SECRET", "JWT_ALGORITHM", "GEMINI_API_KEY"),
            "habit-tracker.frontend", List.of("NEXT_PUBLIC_API_URL"));

    public ClusterOpsProperties {
        appLabels = appLabels == null || appLabels.isEmpty() ? DEFAULT_APP_LABELS : Map.copyOf(appLabels);
        expectedEnv = expectedEnv == null || expectedEnv.isEmpty() ? DEFAULT_EXPECTED_ENV : Map.copyOf(expectedEnv);
        sharedSecretKeys = sharedSecretKeys == null ? List.of() : List.copyOf(sharedSecretKeys);
    }

    /** Defaults everywhere: what a test or a laptop with nothing configured gets. */
    static ClusterOpsProperties defaults() {
        return new ClusterOpsProperties(null, "taskflow", Duration.ofMinutes(2), Duration.ofMinutes(5), 2048, 2,
                Duration.ofSeconds(1), Duration.ofSeconds(20), 200, 20, List.of("BETTER_AUTH_SECRET", "JWT_SECRET"),
                null);
    }

    /** The {@code app} label of the plan's pods. */
    public String appLabel(String planId) {
        return planId == null ? defaultAppLabel : appLabels.getOrDefault(planId, defaultAppLabel);
    }

    /** The variables a component's pods must have under a plan. */
    public List<String> expectedEnv(String planId, String component) {
        return expectedEnv.getOrDefault(planId + "." + component, List.of());
    }
}
