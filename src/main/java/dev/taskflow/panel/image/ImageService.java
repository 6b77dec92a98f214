package dev.taskflow.panel.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.springframework.stereotype.Service;

import dev.taskflow.panel.image.ImageBuildException.Reason;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.secrets.SecretEntry;
import dev.taskflow.panel.secrets.SecretsFile;
import dev.taskflow.panel.secrets.SecretsProperties;
import dev.taskflow.panel.support.ProcessCommand;
import dev.taskflow.panel.support.ProcessOutcome;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.SecretMasker;

/**
 * The image capability's entry point: builds the app's images, reports on them, and runs the image checks (size,
 * history scan, non-root, EXPOSE, smoke run). Every text it hands out has passed the {@link SecretMasker}.
 */
@Service
public class ImageService {

    /** The components an app has. */
    public static final List<String> COMPONENTS = List.of("backend", "frontend");

    public static final String REVISION_LABEL = "org.opencontainers.image.revision";

    public static final String SOURCE_LABEL = "org.opencontainers.image.source";

    /** Names that hold secrets: a value under one of these in an image is a leak. */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i)^(?:[A-Z0-9_.-]*[_.-])?(?:SECRET|SECRET_KEY|PASSWORD|PASSWD|TOKEN|API_KEY|APIKEY|PRIVATE_KEY|ACCESS_KEY|DATABASE_URL|CREDENTIALS)$");

    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*)=(\"[^\"]*\"|'[^']*'|[^\\s;&|]+)");

    private final ImageProperties properties;

    private final SecretsFile secretsFile;

    private final SecretsProperties secretsProperties;

    private final SecretMasker masker;

    private final ProcessRunner runner;

    private final Map<EngineAddress, ImageBuilder> builders = new ConcurrentHashMap<>();

    private final Map<String, BuildRecord> lastBuilds = new ConcurrentHashMap<>();

    ImageService(ImageProperties properties, SecretsFile secretsFile, SecretsProperties secretsProperties,
            SecretMasker masker, ProcessRunner runner) {
        this.properties = properties;
        this.secretsFile = secretsFile;
        this.secretsProperties = secretsProperties;
        this.masker = masker;
        this.runner = runner;
    }

    public ImageProperties properties() {
        return properties;
    }

    /** A plan's component image with its settings resolved; only backend and frontend exist. */
    public ComponentImage component(String planId, String component) {
        if (!COMPONENTS.contains(component)) {
            throw new InvalidRequestException("'" + component + "' is not a component: use backend or frontend.");
        }
        return properties.component(planId, component);
    }

    /**
     * Builds a component's image, tagged {@code name:version} and {@code name:latest}, labelled with the source's git
     * commit. Each log line goes to {@code progress} (masked) as it arrives. The outcome, failed ones too, is kept as
     * the component's last build.
     *
     * @throws ImageBuildException naming cause and fix, with the log so far
     */
    public BuiltImage build(String planId, String component, Consumer<BuildProgress> progress,
            BooleanSupplier cancelled) {
        ComponentImage image = component(planId, component);
        Instant started = Instant.now();
        List<String> tags = image.tags();
        String key = key(planId, component);
        lastBuilds.put(key, new BuildRecord(planId, component, BuildRecord.Status.RUNNING, null, null, null, tags, 0, 0,
                started, 0, List.of()));
        try {
            requireAllowed(image.context());
            BuildRequest request = new BuildRequest(image.context(), image.dockerfile(), ignoreFile(image), tags,
                    image.buildArgs(), labels(image));
            BuiltImage built = builder().build(request, event -> progress.accept(new BuildProgress(event.step(),
                    event.totalSteps(), event.percent(), masker.mask(event.line()))), cancelled,
                    properties.buildTimeout());
            BuiltImage masked = new BuiltImage(built.imageId(), built.tags(), built.steps(), built.cached(),
                    built.duration(), mask(built.log()));
            lastBuilds.put(key, new BuildRecord(planId, component, BuildRecord.Status.SUCCEEDED, null, null,
                    built.imageId(), tags, built.steps(), built.cached(), started, built.duration().toMillis(),
                    masked.log()));
            return masked;
        }
        catch (ImageBuildException ex) {
            ImageBuildException masked = new ImageBuildException(ex.reason(), masker.mask(ex.getMessage()),
                    mask(ex.log()), ex.getCause());
            lastBuilds.put(key, new BuildRecord(planId, component, ex.reason() == Reason.CANCELLED
                    ? BuildRecord.Status.CANCELLED : BuildRecord.Status.FAILED, masked.getMessage(), ex.reason(), null,
                    tags, 0, 0, started, Duration.between(started, Instant.now()).toMillis(), masked.log()));
            throw masked;
        }
    }

    /** The component's last build since the panel started, if any. */
    public Optional<BuildRecord> lastBuild(String planId, String component) {
        return Optional.ofNullable(lastBuilds.get(key(planId, component)));
    }

    /** What the engine has under the component's reference, or empty when it was not built. */
    public Optional<ImageReport> report(String planId, String component) {
        ComponentImage image = component(planId, component);
        return builder().inspect(image.reference()).map(inspected -> report(image, inspected));
    }

    private ImageReport report(ComponentImage image, InspectedImage inspected) {
        List<Layer> layers = builder().history(image.reference()).stream()
                .map(layer -> new Layer(hideSecrets(layer.createdBy()), layer.sizeBytes(), layer.created())).toList();
        Map<String, String> labels = new LinkedHashMap<>();
        inspected.labels().forEach((name, value) -> labels.put(name, secretKey(name) ? hidden(value) : masker.mask(value)));
        return new ImageReport(image.plan(), image.component(), image.reference(), inspected.id(), inspected.repoTags(),
                inspected.sizeBytes(), image.maxMb(), inspected.created(), inspected.user(), inspected.exposedPorts(),
                image.port(), labels, layers);
    }

    /** The report, or {@link ImageNotBuiltException} when the engine has no such image. */
    public ImageReport requireReport(String planId, String component) {
        ComponentImage image = component(planId, component);
        return report(planId, component).orElseThrow(() -> new ImageNotBuiltException(image.reference()));
    }

    /**
     * Reads the image's layer commands, ENV and labels for secrets: values under known secret names, and any value of
     * {@code secrets.env} (its settings such as URLs aside). Only fingerprints come out.
     */
    public HistoryScan scanHistory(String planId, String component) {
        ComponentImage image = component(planId, component);
        InspectedImage inspected = builder().inspect(image.reference())
                .orElseThrow(() -> new ImageNotBuiltException(image.reference()));
        List<Layer> layers = builder().history(image.reference());
        Map<String, String> known = knownSecrets();
        List<HistoryScan.Finding> findings = new ArrayList<>();
        for (int index = 0; index < layers.size(); index++) {
            String command = layers.get(index).createdBy();
            String where = "layer " + (layers.size() - index) + " (" + instruction(command) + ")";
            Matcher assignment = ASSIGNMENT.matcher(command);
            while (assignment.find()) {
                String value = unquote(assignment.group(2));
                if (secretKey(assignment.group(1)) && isValue(value)) {
                    findings.add(finding(where, assignment.group(1), value));
                }
            }
            known.forEach((key, value) -> {
                if (command.contains(value) && findings.stream().noneMatch(found -> found.where().equals(where)
                        && found.fingerprint().equals(SecretMasker.fingerprint(value)))) {
                    findings.add(finding(where, key, value));
                }
            });
        }
        inspected.env().forEach((name, value) -> scanValue("ENV " + name, name, value, known, findings));
        inspected.labels().forEach((name, value) -> scanValue("label " + name, name, value, known, findings));
        return new HistoryScan(image.reference(), layers.size(), findings);
    }

    private static void scanValue(String where, String name, String value, Map<String, String> known,
            List<HistoryScan.Finding> findings) {
        if (secretKey(name) && isValue(value)) {
            findings.add(finding(where, name, value));
            return;
        }
        known.forEach((key, secret) -> {
            if (value.contains(secret)) {
                findings.add(finding(where, key, secret));
            }
        });
    }

    /** Whether a container from the image runs as someone other than root. */
    static boolean isNonRoot(String user) {
        if (user == null || user.isBlank()) {
            return false;
        }
        String name = user.split(":", 2)[0].strip();
        return !name.isEmpty() && !name.equals("0") && !name.equals("root");
    }

    /**
     * Starts a container from the component's image with the plan's environment (secrets.env, when there is one, and
     * the component's env settings), waits for its port, asks its health path, then stops and removes it.
     */
    public SmokeResult smoke(String planId, String component, BooleanSupplier cancelled, Consumer<String> progress)
            throws InterruptedException {
        ComponentImage image = component(planId, component);
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (SecretEntry entry : secretsFile.read().entries()) {
                env.put(entry.key(), entry.value());
            }
        }
        catch (RuntimeException ex) {
            progress.accept("No secrets.env to pass (" + masker.mask(ex.getMessage()) + "); running with the "
                    + "component's env settings only");
        }
        env.putAll(image.env());
        ImageBuilder.Probe probe = builder().runAndProbe(image.reference(), env, image.port(), image.healthPath(),
                properties.smokeTimeout(), cancelled, line -> progress.accept(masker.mask(line)));
        return new SmokeResult(image.reference(), probe.url(), probe.status(), masker.mask(probe.body()),
                probe.duration().toMillis(), probe.answered() ? null : probe.problem() != null ? probe.problem()
                        : "answered HTTP " + probe.status(), mask(probe.logs()));
    }

    /** The adapter for the engine builds go to (Minikube's own when so configured). */
    ImageBuilder builder() {
        EngineAddress address = engine();
        return builders.computeIfAbsent(address, ImageBuilder::new);
    }

    /** The engine to build against: Minikube's (from {@code minikube docker-env}), the configured one, or the default. */
    EngineAddress engine() {
        if (properties.minikubeDockerEnv()) {
            return minikubeEngine();
        }
        return properties.dockerHost() == null || properties.dockerHost().isBlank() ? EngineAddress.DEFAULT
                : new EngineAddress(properties.dockerHost(), false, null);
    }

    private EngineAddress minikubeEngine() {
        ProcessOutcome outcome;
        try {
            outcome = runner.run(ProcessCommand.of("minikube", Duration.ofSeconds(30), "docker-env", "--shell", "none"));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException(Reason.ENGINE_NOT_RUNNING, "Interrupted while asking minikube docker-env.");
        }
        if (!outcome.succeeded()) {
            throw new ImageBuildException(Reason.ENGINE_NOT_RUNNING, "`minikube docker-env` failed (exit "
                    + outcome.exitCode() + "): " + outcome.trimmedOutput(6) + ". Start Minikube (`minikube start`), "
                    + "or set panel.images.minikube-docker-env=false to build on the local engine and load the image.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : outcome.stdout()) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
            }
        }
        String host = values.get("DOCKER_HOST");
        if (host == null) {
            throw new ImageBuildException(Reason.ENGINE_NOT_RUNNING, "`minikube docker-env` named no DOCKER_HOST: "
                    + "Minikube's driver may not run a Docker engine (use the docker container runtime).");
        }
        return new EngineAddress(host, "1".equals(values.get("DOCKER_TLS_VERIFY")), values.get("DOCKER_CERT_PATH"));
    }

    private void requireAllowed(Path context) {
        Path real = realPath(context);
        for (Path root : properties.allowedRoots()) {
            if (real.startsWith(realPath(root))) {
                return;
            }
        }
        throw new ImageBuildException(Reason.CONTEXT_NOT_ALLOWED, "The build context " + context + " lies outside "
                + "the allowed folders " + properties.allowedRoots() + ": point the component's context inside the app "
                + "checkout, or add its folder to panel.images.allowed-roots.");
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        }
        catch (IOException ex) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** {@code dockerfiles/backend.dockerignore} beside {@code dockerfiles/backend.Dockerfile}, when there is one. */
    private static Path ignoreFile(ComponentImage image) {
        String name = image.dockerfile().getFileName().toString();
        String stem = name.endsWith(".Dockerfile") ? name.substring(0, name.length() - ".Dockerfile".length()) : name;
        Path beside = image.dockerfile().resolveSibling(stem + ".dockerignore");
        return Files.isRegularFile(beside) ? beside : null;
    }

    private Map<String, String> labels(ComponentImage image) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("dev.taskflow.panel.plan", image.plan());
        labels.put("dev.taskflow.panel.component", image.component());
        labels.put("org.opencontainers.image.version", image.version());
        GitSource source = gitSource(image.context());
        labels.put(REVISION_LABEL, source.commit());
        labels.put(SOURCE_LABEL, source.url());
        return labels;
    }

    /** The commit checked out where the context lies, and where it came from (its origin, or the folder). */
    static GitSource gitSource(Path context) {
        try (Repository repository = new FileRepositoryBuilder().findGitDir(context.toFile()).setMustExist(true)
                .build()) {
            ObjectId head = repository.resolve("HEAD");
            String origin = repository.getConfig().getString("remote", "origin", "url");
            return new GitSource(head == null ? "uncommitted" : head.name(),
                    origin != null ? origin : context.toAbsolutePath().normalize().toString());
        }
        catch (IOException | IllegalArgumentException ex) {
            return new GitSource("unknown (not a git checkout)", context.toAbsolutePath().normalize().toString());
        }
    }

    /** The values of secrets.env that are secrets (not settings such as URLs), by key; empty when there is no file. */
    private Map<String, String> knownSecrets() {
        Map<String, String> known = new LinkedHashMap<>();
        try {
            for (SecretEntry entry : secretsFile.read().entries()) {
                if (!secretsProperties.publicKeys().contains(entry.key())
                        && entry.value().strip().length() >= 6) {
                    known.put(entry.key(), entry.value().strip());
                }
            }
        }
        catch (RuntimeException ex) {
            // no readable secrets.env: the scan still catches values under known secret names
        }
        return known;
    }

    private String hideSecrets(String command) {
        String masked = command;
        Matcher assignment = ASSIGNMENT.matcher(command);
        while (assignment.find()) {
            String value = unquote(assignment.group(2));
            if (secretKey(assignment.group(1)) && isValue(value)) {
                masked = masked.replace(value, hidden(value));
            }
        }
        return masker.mask(masked);
    }

    private static String hidden(String value) {
        return SecretMasker.fingerprint(value);
    }

    private static HistoryScan.Finding finding(String where, String key, String value) {
        return new HistoryScan.Finding(where, key, SecretMasker.fingerprint(value), value.length());
    }

    static boolean secretKey(String name) {
        return SECRET_KEY.matcher(name).matches();
    }

    /** A real value, not empty and not a reference to a variable set elsewhere. */
    private static boolean isValue(String value) {
        return !value.isBlank() && !value.startsWith("$");
    }

    private static String instruction(String command) {
        String text = command.replace("/bin/sh -c #(nop) ", "").replace("/bin/sh -c ", "RUN ").strip();
        String first = text.split("\\s+", 2)[0];
        return first.startsWith("|") ? "RUN" : first;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private List<String> mask(List<String> lines) {
        return lines.stream().map(masker::mask).toList();
    }

    private static String key(String planId, String component) {
        return planId + "/" + component;
    }

    @PreDestroy
    void close() {
        builders.values().forEach(builder -> {
            try {
                builder.close();
            }
            catch (IOException ex) {
                // the panel is stopping; an engine connection that will not close changes nothing
            }
        });
        builders.clear();
    }

    /** Where an image's source came from. */
    record GitSource(String commit, String url) {
    }
}
