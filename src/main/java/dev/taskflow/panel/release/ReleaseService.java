package dev.taskflow.panel.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import dev.taskflow.panel.pipeline.ConflictException;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.PipelineProperties;
import dev.taskflow.panel.pipeline.Workspace;
import dev.taskflow.panel.support.ClusterConnection;
import dev.taskflow.panel.support.ClusterUnavailableException;
import dev.taskflow.panel.support.SecretMasker;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The release capability's entry point: lint, render, scan, install, upgrade, roll back, diff, test and uninstall the
 * TaskFlow chart with embedded Helm. Every text it hands out is masked; secret values only ever travel from
 * {@code secrets.env} to a 0600 values file that Helm reads.
 */
@Service
public class ReleaseService {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final ReleaseProperties properties;

    private final PipelineProperties pipeline;

    private final Workspace workspace;

    private final EmbeddedHelm helm;

    private final ReleaseRecords records;

    private final ReleaseAudit audit;

    private final ClusterConnection cluster;

    private final InstallTimeSecrets secrets;

    private final SecretMasker masker;

    private final ReentrantLock operations = new ReentrantLock();

    ReleaseService(ReleaseProperties properties, PipelineProperties pipeline, Workspace workspace, EmbeddedHelm helm,
            ReleaseRecords records, ReleaseAudit audit, ClusterConnection cluster, InstallTimeSecrets secrets,
            SecretMasker masker) {
        this.properties = properties;
        this.pipeline = pipeline;
        this.workspace = workspace;
        this.helm = helm;
        this.records = records;
        this.audit = audit;
        this.cluster = cluster;
        this.secrets = secrets;
        this.masker = masker;
    }

    public String release() {
        return properties.release();
    }

    public String namespace() {
        return cluster.namespace();
    }

    /** The configured chart folder, once it is known to be inside an allowed folder and to hold a chart. */
    public Path chart() {
        return chart(null);
    }

    /** A chart folder asked for by name or path; refused unless it lies inside {@code panel.release.allowed-chart-roots}. */
    public Path chart(String requested) {
        Path root = pipeline.repoRoot().toAbsolutePath().normalize();
        Path chart = root.resolve(requested == null || requested.isBlank() ? properties.chart() : Path.of(requested))
                .toAbsolutePath().normalize();
        List<Path> allowed = properties.allowedChartRoots().stream()
                .map(folder -> root.resolve(folder).toAbsolutePath().normalize()).toList();
        if (allowed.stream().noneMatch(chart::startsWith)) {
            throw new InvalidRequestException("The chart path '" + (requested == null ? properties.chart() : requested)
                    + "' is outside the folders charts may come from (" + allowed + "). Use a chart inside one of "
                    + "them, or add its folder to panel.release.allowed-chart-roots.");
        }
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new InvalidRequestException("There is no chart at " + chart + " (no Chart.yaml). Restore helm/taskflow "
                    + "from git, or set panel.release.chart to the chart's folder.");
        }
        return chart;
    }

    public LintReport lint(boolean strict) {
        LintReport report = helm.lint(chart(), strict);
        return new LintReport(report.chart(), report.strict(), report.passed(),
                report.messages().stream().map(masker::mask).toList());
    }

    /**
     * Renders the chart with the values an install of this plan would use: the plan's values file, an optional extra
     * one from the chart folder ({@code values-dev.yaml}), {@code values-local.yaml} when written, and {@code --set}
     * pairs. Secret values are hidden in what comes back.
     */
    public RenderedRelease render(String plan, String extraValues, List<String> sets) {
        List<SetPair> pairs = SetPair.parseAll(sets == null ? List.of() : sets);
        List<Path> values = valuesFiles(plan, extraValues, true);
        String rendered = helm.template(chart(), properties.release(), cluster.namespace(), values, pairs);
        return new RenderedRelease(chart().toString(), values.stream().map(path -> path.getFileName().toString())
                .toList(), pairs.stream().map(SetPair::key).toList(), RenderedManifests.parse(rendered, masker));
    }

    /**
     * Proves the chart keeps secrets in Secrets: renders it with install-time secret values (those of
     * {@code secrets.env}, or unique generated ones when it is absent) and looks for each value and each secret key
     * everywhere else, then scans the chart's own files for literal secrets.
     */
    public TemplateScan scan(String plan) {
        Map<String, String> secretValues = secrets.secretValuesByChartKey();
        String source = "secrets.env";
        if (secretValues.isEmpty()) {
            source = "generated canary values (secrets.env not found)";
            secretValues = secrets.canaries();
        }
        // a values file, not --set pairs: Helm's --set splits values at commas (CORS_ORIGINS has them)
        Path folder = privateTemporaryFolder();
        String rendered;
        try {
            Path values = folder.resolve("install-time-secrets.yaml");
            writeValuesYaml(secretValues, values, "Secret values for a scan; deleted right after.");
            List<Path> files = new ArrayList<>(valuesFiles(plan, null, false));
            files.add(values);
            rendered = helm.template(chart(), properties.release(), cluster.namespace(), files, List.of());
        }
        finally {
            deleteQuietly(folder);
        }
        return SecretLeaks.scan(source, secretValues, RenderedManifests.unmasked(rendered), chart());
    }

    /** Writes {@code values-local.yaml} from {@code secrets.env} (mode 0600); its values are never shown. */
    public ValuesLocalFile writeValuesLocal() {
        Map<String, String> values = secrets.valuesByChartKey();
        if (values.isEmpty()) {
            throw new InvalidRequestException("secrets.env was not found at " + secrets.location() + ", or sets none "
                    + "of " + properties.secretValues().keySet() + ". Create it on the Secrets page and fill it in.");
        }
        Map<String, String> fingerprints = new LinkedHashMap<>();
        values.forEach((chartKey, value) -> fingerprints.put(chartKey, SecretMasker.fingerprint(value)));
        Path file = valuesLocalPath();
        writeValuesYaml(values, file, "Written by the TaskFlow panel from " + secrets.location()
                + ". Secret: never commit it.");
        return new ValuesLocalFile(file.toString(), fingerprints, secrets.missingKeys());
    }

    /** Secret values as a nested values file that only its owner can read. */
    private void writeValuesYaml(Map<String, String> values, Path file, String comment) {
        Map<String, Object> tree = new LinkedHashMap<>();
        values.forEach((chartKey, value) -> put(tree, chartKey, value));
        try {
            Files.createDirectories(file.getParent());
            workspace.writeAtomically(file, ("# " + comment + "\n" + YAML.writeValueAsString(tree)).getBytes());
            restrictToOwner(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write " + file, ex);
        }
    }

    /** Installs the plan's release, waiting up to {@code timeout} (the configured one when {@code null}). */
    public ReleaseStatus install(String plan, java.time.Duration timeout) {
        return exclusively("install", () -> {
            EmbeddedHelm.Location at = location();
            EmbeddedHelm.Inputs inputs = inputs(plan, List.of(), "Install by the TaskFlow panel");
            if (timeout != null) {
                inputs = new EmbeddedHelm.Inputs(inputs.valuesFiles(), inputs.sets(), inputs.description(),
                        inputs.waitReady(), timeout);
            }
            ReleaseStatus status = helm.install(chart(), at, inputs);
            audit.record(at.namespace(), at.release(), new ReleaseAudit.Entry(status.revision(), "install",
                    ReleaseAudit.actor(), Instant.now(), "plan " + plan));
            return status;
        });
    }

    /** Upgrades with the plan's values and the given {@code --set} pairs (later pairs win). */
    public ReleaseStatus upgrade(String plan, List<String> sets) {
        List<SetPair> pairs = SetPair.parseAll(sets == null ? List.of() : sets);
        return exclusively("upgrade", () -> {
            EmbeddedHelm.Location at = location();
            String description = pairs.isEmpty() ? "Upgrade by the TaskFlow panel"
                    : "Upgrade by the TaskFlow panel: --set " + String.join(", ", pairs.stream().map(SetPair::key)
                            .toList());
            ReleaseStatus status = helm.upgrade(chart(), at, inputs(plan, pairs, description), false);
            audit.record(at.namespace(), at.release(), new ReleaseAudit.Entry(status.revision(), "upgrade",
                    ReleaseAudit.actor(), Instant.now(), description));
            return status;
        });
    }

    /**
     * Deploys an earlier revision again, as {@code helm rollback} does: the chart and values stored in that
     * revision's release record become a new revision described "Rollback to N".
     */
    public ReleaseStatus rollback(int revision) {
        return exclusively("rollback", () -> {
            EmbeddedHelm.Location at = location();
            ReleaseRecord target = records.revision(at.release(), at.namespace(), revision);
            Path folder = privateTemporaryFolder();
            try {
                Path chart = ChartRestore.restore(target, folder);
                Path values = ChartRestore.writeValues(target, folder);
                ReleaseStatus status = helm.upgrade(chart, at, new EmbeddedHelm.Inputs(List.of(values), List.of(),
                        "Rollback to " + revision, properties.waitReady(), properties.timeout()), false);
                audit.record(at.namespace(), at.release(), new ReleaseAudit.Entry(status.revision(), "rollback",
                        ReleaseAudit.actor(), Instant.now(), "to revision " + revision));
                return status;
            }
            finally {
                deleteQuietly(folder);
            }
        });
    }

    public String uninstall() {
        return exclusively("uninstall", () -> {
            EmbeddedHelm.Location at = location();
            String said = masker.mask(helm.uninstall(at));
            audit.record(at.namespace(), at.release(), new ReleaseAudit.Entry(0, "uninstall", ReleaseAudit.actor(),
                    Instant.now(), "uninstalled"));
            return said;
        });
    }

    /** Runs the chart's test hooks ({@code helm test}). */
    public ReleaseStatus test() {
        return helm.test(location(), properties.timeout());
    }

    public ReleaseStatus status() {
        return helm.status(location());
    }

    /** The release with its history; when the cluster cannot be asked, the reason instead. */
    public ReleaseOverview overview() {
        EmbeddedHelm.Location at;
        List<ReleaseRecord> stored;
        try {
            at = location();
            stored = records.all(at.release(), at.namespace());
        }
        catch (ReleaseOperationException | ClusterUnavailableException ex) {
            return new ReleaseOverview(properties.release(), cluster.namespace(), false, null, List.of(),
                    ex.getMessage());
        }
        if (stored.isEmpty()) {
            return new ReleaseOverview(at.release(), at.namespace(), false, null, List.of(), null);
        }
        List<ReleaseOverview.RevisionEntry> entries = new ArrayList<>();
        Map<String, Object> previous = Map.of();
        for (ReleaseRecord record : stored) {
            String actor = audit.forRevision(at.namespace(), at.release(), record.revision())
                    .map(ReleaseAudit.Entry::actor).orElse("outside the panel");
            entries.add(new ReleaseOverview.RevisionEntry(record.revision(), record.deployed(), record.status(),
                    record.chartName() + "-" + record.chartVersion(), masker.mask(record.description()), actor,
                    ValueChanges.between(previous, record.config(), properties.secretValues().values()).stream()
                            .map(masker::mask).toList()));
            previous = record.config();
        }
        entries.sort(Comparator.comparingInt(ReleaseOverview.RevisionEntry::revision).reversed());
        ReleaseRecord latest = stored.getLast();
        ReleaseStatus status = new ReleaseStatus(latest.name(), at.namespace(), latest.status(), latest.revision(),
                latest.deployed(), latest.chartName() + "-" + latest.chartVersion(), null, null);
        return new ReleaseOverview(at.release(), at.namespace(), true, status, entries, null);
    }

    /** The manifest Helm applied for a revision, masked. */
    public List<Manifest> manifest(int revision) {
        EmbeddedHelm.Location at = location();
        return RenderedManifests.parse(records.revision(at.release(), at.namespace(), revision).manifest(), masker);
    }

    public ManifestDiff diff(int from, int to) {
        EmbeddedHelm.Location at = location();
        List<ReleaseRecord> stored = records.all(at.release(), at.namespace());
        ReleaseRecord older = find(stored, from);
        ReleaseRecord newer = find(stored, to);
        return ManifestDiff.between(at.release(), from, RenderedManifests.parse(older.manifest(), masker), to,
                RenderedManifests.parse(newer.manifest(), masker));
    }

    /**
     * Writes the plan's rendered manifests as plain YAML, one file per resource, for {@code kubectl apply -f}. Secret
     * values are written hidden: fill them with {@code kubectl create secret generic --from-env-file=secrets.env}.
     */
    public List<Path> export(String plan) {
        RenderedRelease rendered = render(plan, null, List.of());
        Path folder = workspace.folder("exports").resolve(plan);
        try {
            Files.createDirectories(folder);
            List<Path> written = new ArrayList<>();
            for (Manifest manifest : rendered.manifests()) {
                Path file = folder.resolve(manifest.kind().toLowerCase(java.util.Locale.ROOT) + "-" + manifest.name()
                        + ".yaml");
                workspace.writeAtomically(file, (manifest.yaml() + "\n").getBytes());
                written.add(file);
            }
            return written;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the exported manifests to " + folder, ex);
        }
    }

    /** The values files an install of the plan uses, in order; all must be YAML. */
    List<Path> valuesFiles(String plan, String extraValues, boolean withLocal) {
        Path chart = chart();
        List<Path> files = new ArrayList<>();
        Path planValues = chart.resolve("values-" + plan + ".yaml");
        if (plan != null && Files.isRegularFile(planValues)) {
            files.add(planValues);
        }
        if (extraValues != null && !extraValues.isBlank()) {
            Path extra = chart.resolve(extraValues).normalize();
            if (!extra.getParent().equals(chart) || !Files.isRegularFile(extra)) {
                throw new InvalidRequestException("There is no values file '" + extraValues + "' in " + chart
                        + ". Name one of: " + chartValuesFiles(chart) + ".");
            }
            files.add(extra);
        }
        Path local = valuesLocalPath();
        if (withLocal && Files.isRegularFile(local)) {
            files.add(local);
        }
        files.forEach(ReleaseService::requireYaml);
        return files;
    }

    private EmbeddedHelm.Inputs inputs(String plan, List<SetPair> sets, String description) {
        return new EmbeddedHelm.Inputs(valuesFiles(plan, null, true), sets, description, properties.waitReady(),
                properties.timeout());
    }

    private EmbeddedHelm.Location location() {
        return new EmbeddedHelm.Location(properties.release(), cluster.namespace(), cluster.requireKubeconfig());
    }

    private Path valuesLocalPath() {
        return workspace.root().resolve(properties.valuesLocal()).toAbsolutePath().normalize();
    }

    private <T> T exclusively(String operation, java.util.function.Supplier<T> work) {
        if (!operations.tryLock()) {
            throw new ConflictException("Another release operation is running; wait for it to finish before the "
                    + operation + ".");
        }
        try {
            return work.get();
        }
        finally {
            operations.unlock();
        }
    }

    private static ReleaseRecord find(List<ReleaseRecord> stored, int revision) {
        return stored.stream().filter(record -> record.revision() == revision).findFirst()
                .orElseThrow(() -> new RevisionNotFoundException(stored.isEmpty() ? "" : stored.getFirst().name(),
                        revision, stored.stream().map(ReleaseRecord::revision).toList()));
    }

    private static void requireYaml(Path file) {
        try {
            YAML.readTree(Files.readString(file));
        }
        catch (JacksonException ex) {
            String where = ex.getLocation() == null ? "" : " at line " + ex.getLocation().getLineNr();
            throw new InvalidRequestException("The values file " + file + " is not YAML" + where + ": "
                    + ex.getOriginalMessage() + ". Fix the file; nothing was installed.");
        }
        catch (IOException ex) {
            throw new InvalidRequestException("The values file " + file + " cannot be read: " + ex.getMessage());
        }
    }

    private static String chartValuesFiles(Path chart) {
        try (Stream<Path> files = Files.list(chart)) {
            return String.join(", ", files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("values") && name.endsWith(".yaml")).sorted().toList());
        }
        catch (IOException ex) {
            return "(cannot list " + chart + ")";
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String dottedKey, String value) {
        String[] parts = dottedKey.split("\\.");
        Map<String, Object> node = tree;
        for (int index = 0; index < parts.length - 1; index++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[index], key -> new LinkedHashMap<>());
        }
        node.put(parts[parts.length - 1], value);
    }

    private static Path privateTemporaryFolder() {
        try {
            return Files.createTempDirectory("taskflow-rollback-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // a temporary folder left behind holds the revision's values with mode 0700; nothing else to do
        }
    }
}
