package dev.taskflow.panel.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Where secrets leak out of a chart: a secret value rendered outside a Secret, a secret-named key in a ConfigMap, or a
 * literal secret written into one of the chart's own files. Each finding names the place and the fix.
 */
final class SecretLeaks {

    /** Keys that must never be a ConfigMap's (they are secrets by name). */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(secret|password|passwd|token|api_?key|database_url|private_key).*");

    /** Literal secrets in chart files: credentials in a URL, OpenAI-style keys, long hex strings. */
    private static final Pattern LITERAL_SECRET = Pattern.compile(
            "[a-z][a-z0-9+.-]*://[^\\s:/@\"']+:[^\\s@/\"'{}]+@|\\bsk-[A-Za-z0-9_-]{16,}|\\b[0-9a-f]{40,}\\b");

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private SecretLeaks() {
    }

    /**
     * @param valuesSource where the secret values came from, for the report
     * @param secretValues chart value → the secret value it was rendered with
     * @param rendered     the rendering, unmasked (it is only searched, never shown)
     * @param chart        the chart folder whose files are scanned
     */
    static TemplateScan scan(String valuesSource, Map<String, String> secretValues, List<Manifest> rendered,
            Path chart) {
        List<String> findings = new ArrayList<>();
        for (Manifest manifest : rendered) {
            if (manifest.kind().equals("Secret")) {
                continue;
            }
            secretValues.forEach((chartKey, value) -> {
                if (manifest.yaml().contains(value)) {
                    findings.add(manifest.key() + " contains the value of " + chartKey + " (" + manifest.source()
                            + "): move it into a Secret and reference it with envFrom/secretKeyRef.");
                }
            });
            if (manifest.kind().equals("ConfigMap")) {
                configMapKeys(manifest).stream().filter(key -> SECRET_KEY.matcher(key).matches())
                        .forEach(key -> findings.add(manifest.key() + " has the secret key " + key + " ("
                                + manifest.source() + "): secrets belong in a Secret, not a ConfigMap."));
            }
        }
        List<Path> files = chartFiles(chart);
        for (Path file : files) {
            findings.addAll(literalSecrets(chart, file));
        }
        return new TemplateScan(valuesSource, secretValues.size(), rendered.size(), files.size(), findings);
    }

    private static Set<String> configMapKeys(Manifest configMap) {
        try {
            return new TreeSet<>(YAML.readTree(configMap.yaml()).path("data").propertyNames());
        }
        catch (JacksonException unparsable) {
            return Set.of();
        }
    }

    private static List<Path> chartFiles(Path chart) {
        try (Stream<Path> files = Files.walk(chart)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                String name = file.getFileName().toString();
                return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".tpl")
                        || name.endsWith(".txt");
            }).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the chart at " + chart, ex);
        }
    }

    private static List<String> literalSecrets(Path chart, Path file) {
        List<String> findings = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int index = 0; index < lines.size(); index++) {
                String line = lines.get(index);
                if (!line.strip().startsWith("#") && LITERAL_SECRET.matcher(line).find()) {
                    findings.add(chart.relativize(file) + " line " + (index + 1) + " holds what looks like a literal "
                            + "secret: take it out and pass it at install time (values-local.yaml from secrets.env).");
                }
            }
        }
        catch (IOException ex) {
            findings.add(file + " cannot be read: " + ex.getMessage());
        }
        return findings;
    }
}
