package dev.taskflow.panel.release;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the panel installs the TaskFlow chart with its embedded Helm.
 *
 * @param chart              the chart folder, relative to the panel's checkout unless absolute
 * @param allowedChartRoots  folders a chart may come from (relative to the checkout unless absolute); others are refused
 * @param release            the Helm release name (a DNS-1123 label, at most 53 characters)
 * @param timeout            how long install and upgrade wait for the pods ({@code --timeout})
 * @param waitReady          whether install and upgrade wait for the pods to be ready ({@code --wait})
 * @param valuesLocal        where {@code values-local.yaml} (the secrets as chart values) is written; relative to the
 *                           workspace unless absolute
 * @param secretValues       which chart value each {@code secrets.env} key feeds; unset keys use the chart's defaults
 */
@Validated
@ConfigurationProperties("panel.release")
public record ReleaseProperties(@NotNull @DefaultValue("helm/taskflow") Path chart,
        @NotEmpty @DefaultValue("helm") List<Path> allowedChartRoots,
        @DefaultValue("taskflow") @Size(max = 53) @Pattern(regexp = DNS_1123_LABEL, message = NOT_A_LABEL)
        String release,
        @NotNull @DefaultValue("5m") Duration timeout,
        @DefaultValue("true") boolean waitReady,
        @NotNull @DefaultValue("releases/values-local.yaml") Path valuesLocal,
        Map<String, String> secretValues) {

    static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    static final String NOT_A_LABEL = "is not a DNS-1123 label: use lower-case letters, digits and '-', starting and "
            + "ending with a letter or digit (e.g. taskflow)";

    /**
     * The chart's value for each secret the seeds keep in {@code secrets.env}; the plans name the same secret
     * differently (BETTER_AUTH_SECRET or JWT_SECRET; ANTHROPIC_, GEMINI_ or OPENAI_API_KEY), so each name feeds it.
     */
    static final Map<String, String> DEFAULT_SECRET_VALUES = Map.of(
            "DATABASE_URL", "secrets.databaseUrl",
            "BETTER_AUTH_SECRET", "secrets.authSecret",
            "JWT_SECRET", "secrets.authSecret",
            "BETTER_AUTH_URL", "secrets.authUrl",
            "ANTHROPIC_API_KEY", "secrets.llmApiKey",
            "GEMINI_API_KEY", "secrets.llmApiKey",
            "OPENAI_API_KEY", "secrets.llmApiKey",
            "CORS_ORIGINS", "secrets.corsOrigins");

    public ReleaseProperties {
        secretValues = secretValues == null || secretValues.isEmpty() ? DEFAULT_SECRET_VALUES : Map.copyOf(secretValues);
    }
}
