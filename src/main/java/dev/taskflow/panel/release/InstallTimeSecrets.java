package dev.taskflow.panel.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.taskflow.panel.secrets.SecretEntries;
import dev.taskflow.panel.secrets.SecretsFile;
import dev.taskflow.panel.secrets.SecretsProperties;
import org.springframework.stereotype.Component;

/** The secret values an install gives the chart, read from {@code secrets.env} through the secrets capability. */
@Component
class InstallTimeSecrets {

    private final SecretsFile secretsFile;

    private final ReleaseProperties properties;

    private final SecretsProperties secretsProperties;

    InstallTimeSecrets(SecretsFile secretsFile, ReleaseProperties properties, SecretsProperties secretsProperties) {
        this.secretsFile = secretsFile;
        this.properties = properties;
        this.secretsProperties = secretsProperties;
    }

    /**
     * Like {@link #valuesByChartKey()}, but only the true secrets: settings such as CORS_ORIGINS are in the Secret
     * too, yet their values (an origin, a URL) may rightly appear elsewhere.
     */
    Map<String, String> secretValuesByChartKey() {
        Map<String, String> values = new LinkedHashMap<>(valuesByChartKey());
        values.keySet().removeIf(this::isSetting);
        return values;
    }

    Path location() {
        return secretsFile.location();
    }

    /** Chart value path → value, for every mapped key that {@code secrets.env} sets; empty when there is no file. */
    Map<String, String> valuesByChartKey() {
        if (!Files.isRegularFile(secretsFile.location())) {
            return Map.of();
        }
        SecretEntries entries = secretsFile.read();
        Map<String, String> values = new LinkedHashMap<>();
        properties.secretValues().forEach((envKey, chartKey) -> entries.value(envKey)
                .filter(value -> !value.isBlank()).ifPresent(value -> values.put(chartKey, value)));
        return values;
    }

    /** Chart secrets that {@code secrets.env} does not feed, each named by the keys that could feed it. */
    List<String> missingKeys() {
        Map<String, String> present = valuesByChartKey();
        Map<String, List<String>> feeders = new TreeMap<>();
        properties.secretValues().forEach((envKey, chartKey) -> feeders.computeIfAbsent(chartKey,
                key -> new ArrayList<>()).add(envKey));
        List<String> missing = new ArrayList<>();
        feeders.forEach((chartKey, envKeys) -> {
            if (!present.containsKey(chartKey)) {
                missing.add(String.join(" or ", envKeys.stream().sorted().toList()));
            }
        });
        return missing;
    }

    /** One unique made-up value per chart secret, for tracing secrets through a rendering when none are configured. */
    Map<String, String> canaries() {
        Map<String, String> canaries = new LinkedHashMap<>();
        new TreeMap<>(properties.secretValues()).forEach((envKey, chartKey) -> {
            if (!isSetting(chartKey)) {
                canaries.putIfAbsent(chartKey, "canary-" + envKey.toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        + "-" + UUID.randomUUID());
            }
        });
        return canaries;
    }

    /** Whether every key that feeds this chart value is a setting rather than a secret. */
    private boolean isSetting(String chartKey) {
        return properties.secretValues().entrySet().stream().filter(entry -> entry.getValue().equals(chartKey))
                .allMatch(entry -> secretsProperties.publicKeys().contains(entry.getKey()));
    }
}
