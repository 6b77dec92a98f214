package dev.taskflow.panel.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes the chart a release revision was made from back to a folder, so that revision can be deployed again (Helm's
 * rollback; helm-java has none). Helm's record keeps the chart's metadata, templates, default values, schema and other
 * files, but not its subcharts, so a chart with dependencies cannot be restored this way.
 */
final class ChartRestore {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private ChartRestore() {
    }

    /** Restores the record's chart into {@code folder} and returns the chart's folder inside it. */
    static Path restore(ReleaseRecord record, Path folder) {
        JsonNode chart = record.chart();
        JsonNode metadata = chart.path("metadata");
        if (metadata.path("dependencies").isArray() && !metadata.path("dependencies").isEmpty()) {
            throw ReleaseOperationException.from("rollback", record.name(), "", "revision " + record.revision()
                    + " was made from a chart with subcharts, which Helm's release record does not keep; upgrade "
                    + "from the chart folder with that revision's values instead");
        }
        Path root = folder.resolve(metadata.path("name").asString("chart"));
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("Chart.yaml"), YAML.writeValueAsString(metadata));
            Files.writeString(root.resolve("values.yaml"),
                    chart.path("values").isObject() ? YAML.writeValueAsString(chart.path("values")) : "{}\n");
            for (JsonNode file : chart.path("templates")) {
                write(root, file);
            }
            for (JsonNode file : chart.path("files")) {
                write(root, file);
            }
            if (chart.path("schema").isString() && !chart.path("schema").asString().isEmpty()) {
                Files.write(root.resolve("values.schema.json"), Base64.getDecoder().decode(chart.path("schema")
                        .asString()));
            }
            return root;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot restore the chart of revision " + record.revision() + " into "
                    + folder, ex);
        }
    }

    /** The values a revision was given, as a values file. */
    static Path writeValues(ReleaseRecord record, Path folder) {
        Path values = folder.resolve("values-revision-" + record.revision() + ".yaml");
        try {
            Files.writeString(values, record.config().isEmpty() ? "{}\n" : YAML.writeValueAsString(record.config()));
            return values;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void write(Path root, JsonNode file) throws IOException {
        Path target = root.resolve(file.path("name").asString()).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("A chart file named '" + file.path("name").asString() + "' points outside the chart");
        }
        Files.createDirectories(target.getParent());
        Files.write(target, Base64.getDecoder().decode(file.path("data").asString("")));
    }
}
