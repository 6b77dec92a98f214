package dev.taskflow.panel.image;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.ImageHistory;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import dev.taskflow.panel.image.ImageBuildException.Reason;

/**
 * The one place the panel speaks docker-java: builds with live progress and cancellation, inspect, history,
 * a run-and-probe of a container, tag and push. docker-java failures come out as our exceptions naming cause and fix.
 */
class ImageBuilder implements Closeable {

    private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) : (.*)$");

    /** What Docker accepts as {@code name:tag}: lowercase path components, an optional registry host, a tag. */
    private static final Pattern REFERENCE = Pattern.compile("^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?/)?"
            + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");

    private final EngineAddress address;

    private final DockerClient client;

    ImageBuilder(EngineAddress address) {
        this.address = address;
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (address.host() != null) {
            config.withDockerHost(address.host()).withDockerTlsVerify(address.tlsVerify());
            if (address.certPath() != null) {
                config.withDockerCertPath(address.certPath());
            }
        }
        DockerClientConfig built = config.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(built.getDockerHost())
                .sslConfig(built.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        this.client = DockerClientImpl.getInstance(built, http);
    }

    EngineAddress address() {
        return address;
    }

    /** Whether {@code reference} is a {@code name:tag} Docker accepts. */
    static boolean validReference(String reference) {
        return reference != null && reference.length() <= 255 && REFERENCE.matcher(reference).matches();
    }

    /**
     * Builds an image, sending each log line as it arrives; a cancelled build is stopped by closing the stream (the
     * engine then abandons it).
     */
    BuiltImage build(BuildRequest request, Consumer<BuildProgress> listener, BooleanSupplier cancelled,
            Duration timeout) {
        validate(request);
        ping();
        long started = System.nanoTime();
        Path tar = null;
        BuildStream stream = new BuildStream(listener);
        try {
            tar = Files.createTempFile("taskflow-build-", ".tar");
            String dockerfilePath;
            try (OutputStream out = Files.newOutputStream(tar)) {
                dockerfilePath = BuildContext.write(request.context(), request.dockerfile(), request.ignoreFile(), out);
            }
            // A plain file stream: docker-java interrupts its worker at the end, which would close a channel-based one.
            try (InputStream context = new java.io.BufferedInputStream(new java.io.FileInputStream(tar.toFile()))) {
                var command = client.buildImageCmd(context)
                        .withDockerfilePath(dockerfilePath)
                        .withTags(new HashSet<>(request.tags()))
                        .withLabels(request.labels())
                        .withPull(false)
                        .withRemove(true)
                        .withForcerm(true);
                request.buildArgs().forEach(command::withBuildArg);
                command.exec(stream);
                long deadline = System.nanoTime() + timeout.toNanos();
                while (!stream.done.await(200, TimeUnit.MILLISECONDS)) {
                    if (cancelled.getAsBoolean()) {
                        stream.stop();
                        throw new ImageBuildException(Reason.CANCELLED, "The build was cancelled at step "
                                + stream.step + " of " + stream.total + "; the engine abandons it. Build again when "
                                + "ready.", stream.log(), null);
                    }
                    if (System.nanoTime() > deadline) {
                        stream.stop();
                        throw new ImageBuildException(Reason.TIMED_OUT, "The build ran past " + timeout
                                + " and was stopped at step " + stream.step + " of " + stream.total + ": raise "
                                + "panel.images.build-timeout, or look at the step that hangs in the log.",
                                stream.log(), null);
                    }
                }
            }
        }
        catch (InterruptedException ex) {
            stream.stop();
            Thread.currentThread().interrupt();
            throw new ImageBuildException(Reason.CANCELLED, "The build was interrupted; the engine abandons it.",
                    stream.log(), ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the build context to a temporary file: " + ex.getMessage(), ex);
        }
        catch (RuntimeException ex) {
            if (ex instanceof ImageBuildException || ex instanceof UncheckedIOException) {
                throw ex;
            }
            throw engineFailure(ex, stream);
        }
        finally {
            deleteQuietly(tar);
        }
        if (stream.failure != null) {
            throw engineFailure(stream.failure, stream);
        }
        if (stream.error != null) {
            throw stepFailure(request, stream);
        }
        if (stream.imageId == null) {
            throw new ImageBuildException(Reason.ENGINE_LOST, "The engine at " + address.describe() + " ended the "
                    + "build without an image or an error (it may have restarted): check `docker info` and the "
                    + "engine's log, then build again.", stream.log(), null);
        }
        return new BuiltImage(stream.imageId, request.tags(), stream.total, stream.cached,
                Duration.ofNanos(System.nanoTime() - started), stream.log());
    }

    private static void validate(BuildRequest request) {
        for (String tag : request.tags()) {
            if (!validReference(tag)) {
                throw new ImageBuildException(Reason.INVALID_TAG, "'" + tag + "' is not a valid image reference: "
                        + "use lowercase letters, digits, '.', '_' and '-' in the name, then ':' and a tag of letters, "
                        + "digits, '.', '_' or '-' (for example taskflow-backend:1.0.0).");
            }
        }
        if (!Files.isDirectory(request.context())) {
            throw new ImageBuildException(Reason.NO_CONTEXT, "The build context " + request.context() + " does not "
                    + "exist: check out the app there, or set panel.images.app-root (or the component's context).");
        }
        if (!Files.isRegularFile(request.dockerfile())) {
            throw new ImageBuildException(Reason.NO_DOCKERFILE, "There is no Dockerfile at " + request.dockerfile()
                    + ": create it (this repository ships dockerfiles/backend.Dockerfile and frontend.Dockerfile), or "
                    + "point the component's dockerfile setting at the app's own.");
        }
    }

    /** Fails fast, with the fix, when no engine answers. */
    void ping() {
        try {
            client.pingCmd().exec();
        }
        catch (RuntimeException ex) {
            throw new ImageBuildException(Reason.ENGINE_NOT_RUNNING, "The Docker engine does not answer at "
                    + address.describe() + " (" + rootMessage(ex) + "): start Docker Desktop, or `sudo dockerd &` / "
                    + "`sudo systemctl start docker`; if it runs elsewhere, set DOCKER_HOST or panel.images.docker-host.",
                    List.of(), ex);
        }
    }

    private ImageBuildException engineFailure(Throwable failure, BuildStream stream) {
        if (!stream.started() && isConnectionRefused(failure)) {
            return new ImageBuildException(Reason.ENGINE_NOT_RUNNING, "The Docker engine does not answer at "
                    + address.describe() + " (" + rootMessage(failure) + "): start it, then build again.",
                    stream.log(), failure);
        }
        if (failure instanceof DockerException docker) {
            return new ImageBuildException(Reason.STEP_FAILED, "The engine refused the build (HTTP "
                    + docker.getHttpStatus() + "): " + rootMessage(docker).strip() + ". Fix the Dockerfile or the "
                    + "build arguments and build again.", stream.log(), failure);
        }
        return new ImageBuildException(Reason.ENGINE_LOST, "The connection to the Docker engine at "
                + address.describe() + " broke during the build at step " + stream.step + " of " + stream.total + " ("
                + rootMessage(failure) + "): the engine stopped or restarted. Check `docker info` and its log, then "
                + "build again.", stream.log(), failure);
    }

    private static ImageBuildException stepFailure(BuildRequest request, BuildStream stream) {
        String error = stream.error.strip();
        String instruction = stream.instruction == null ? "" : stream.instruction.strip();
        String keyword = instruction.split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
        String lower = error.toLowerCase(java.util.Locale.ROOT);
        if (keyword.equals("FROM") || lower.contains("pull access denied") || lower.contains("manifest unknown")
                || (lower.contains("registry") && (lower.contains("lookup") || lower.contains("dial tcp")))) {
            String image = instruction.length() > 4
                    ? resolveArguments(instruction.substring(4).strip().split("\\s+")[0], request) : "the base image";
            return new ImageBuildException(Reason.BASE_IMAGE_UNAVAILABLE, "The base image " + image + " is not on "
                    + "the engine and cannot be pulled (" + error + "): pull it where a registry is reachable "
                    + "(`docker pull " + image + "`), or set the BASE_IMAGE build argument to an image the engine has "
                    + "(`docker images`).", stream.log(), null);
        }
        if ((keyword.equals("COPY") || keyword.equals("ADD")) && (lower.contains("not found")
                || lower.contains("no such file") || lower.contains("does not exist"))) {
            return new ImageBuildException(Reason.MISSING_COPY_SOURCE, "Step " + stream.step + " (" + instruction
                    + ") names a file the context " + request.context() + " does not have (" + error + "): add the "
                    + "file there, fix the path in " + request.dockerfile().getFileName() + ", or take it out of "
                    + ".dockerignore.", stream.log(), null);
        }
        return new ImageBuildException(Reason.STEP_FAILED, "Step " + stream.step + " of " + stream.total
                + (instruction.isEmpty() ? "" : " (" + instruction + ")") + " failed: " + error + ". Fix it in "
                + request.dockerfile().getFileName() + " or the app, then build again.", stream.log(), null);
    }

    /** {@code ${BASE_IMAGE}} as the build will see it: the build argument given, else the Dockerfile's ARG default. */
    private static String resolveArguments(String text, BuildRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(request.dockerfile())) {
                Matcher arg = Pattern.compile("^\\s*ARG\\s+([A-Za-z_][A-Za-z0-9_]*)=(\\S+)").matcher(line);
                if (arg.find()) {
                    values.putIfAbsent(arg.group(1), arg.group(2).replaceAll("^[\"']|[\"']$", ""));
                }
            }
        }
        catch (IOException ex) {
            // without the Dockerfile the reference stays as written
        }
        values.putAll(request.buildArgs());
        Matcher reference = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?").matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            reference.appendReplacement(resolved, Matcher.quoteReplacement(values.getOrDefault(reference.group(1),
                    reference.group())));
        }
        reference.appendTail(resolved);
        return resolved.toString();
    }

    /** The image's details, or empty when the engine has none by that reference. */
    java.util.Optional<InspectedImage> inspect(String reference) {
        try {
            InspectImageResponse image = client.inspectImageCmd(reference).exec();
            var config = image.getConfig();
            List<String> ports = config == null || config.getExposedPorts() == null ? List.of()
                    : Arrays.stream(config.getExposedPorts()).map(ExposedPort::toString).sorted().toList();
            Map<String, String> env = new LinkedHashMap<>();
            if (config != null && config.getEnv() != null) {
                for (String pair : config.getEnv()) {
                    int equals = pair.indexOf('=');
                    env.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
                }
            }
            Map<String, String> labels = config == null || config.getLabels() == null ? Map.of()
                    : new java.util.TreeMap<>(config.getLabels());
            return java.util.Optional.of(new InspectedImage(image.getId(),
                    image.getRepoTags() == null ? List.of() : image.getRepoTags(),
                    image.getSize() == null ? 0 : image.getSize(), image.getCreated(),
                    config == null || config.getUser() == null ? "" : config.getUser(), ports, env, labels));
        }
        catch (NotFoundException ex) {
            return java.util.Optional.empty();
        }
        catch (RuntimeException ex) {
            throw engineQuestion("inspect " + reference, ex);
        }
    }

    /** The image's layers, newest first, as {@code docker history} lists them. */
    List<Layer> history(String reference) {
        try {
            List<ImageHistory> history = client.imageHistoryCmd(reference).exec();
            return history.stream().map(entry -> new Layer(entry.getCreatedBy() == null ? "" : entry.getCreatedBy(),
                    entry.getSize() == null ? 0 : entry.getSize(),
                    entry.getCreated() == null ? null : Instant.ofEpochSecond(entry.getCreated()))).toList();
        }
        catch (NotFoundException ex) {
            throw new ImageNotBuiltException(reference);
        }
        catch (RuntimeException ex) {
            throw engineQuestion("read the history of " + reference, ex);
        }
    }

    /**
     * Starts a container, waits until {@code GET path} on its port answers, then stops and removes it — always, even
     * when it never answers or the caller cancels.
     */
    Probe runAndProbe(String reference, Map<String, String> env, int port, String path, Duration timeout,
            BooleanSupplier cancelled, Consumer<String> progress) throws InterruptedException {
        ExposedPort exposed = ExposedPort.tcp(port);
        Ports bindings = new Ports();
        bindings.bind(exposed, Ports.Binding.bindIp("127.0.0.1"));
        String containerId = null;
        long started = System.nanoTime();
        try {
            CreateContainerResponse created = client.createContainerCmd(reference)
                    .withEnv(env.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList())
                    .withExposedPorts(exposed)
                    .withLabels(Map.of("dev.taskflow.panel.smoke", "true"))
                    .withHostConfig(HostConfig.newHostConfig().withPortBindings(bindings))
                    .exec();
            containerId = created.getId();
            client.startContainerCmd(containerId).exec();
            progress.accept("Started container " + containerId.substring(0, 12) + " from " + reference);
            InspectContainerResponse running = client.inspectContainerCmd(containerId).exec();
            Ports.Binding[] published = running.getNetworkSettings().getPorts().getBindings().get(exposed);
            if (published == null || published.length == 0) {
                throw new ImageEngineException("The engine did not publish port " + port + " of " + reference
                        + ": check that nothing else holds it and that the engine can publish ports.", null);
            }
            URI uri = URI.create("http://127.0.0.1:" + published[0].getHostPortSpec() + path);
            progress.accept("Waiting for GET " + uri);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + timeout.toNanos();
            String lastProblem = "no answer yet";
            while (System.nanoTime() < deadline && !cancelled.getAsBoolean()) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() < 500) {
                        return new Probe(uri.toString(), response.statusCode(), excerpt(response.body()),
                                Duration.ofNanos(System.nanoTime() - started), logs(containerId), null);
                    }
                    lastProblem = "HTTP " + response.statusCode();
                }
                catch (IOException ex) {
                    lastProblem = rootMessage(ex);
                }
                Boolean stillRunning = client.inspectContainerCmd(containerId).exec().getState().getRunning();
                if (!Boolean.TRUE.equals(stillRunning)) {
                    return new Probe(uri.toString(), 0, null, Duration.ofNanos(System.nanoTime() - started),
                            logs(containerId), "the container exited before answering");
                }
                Thread.sleep(250);
            }
            return new Probe(uri.toString(), 0, null, Duration.ofNanos(System.nanoTime() - started), logs(containerId),
                    cancelled.getAsBoolean() ? "cancelled" : "no answer within " + timeout + " (" + lastProblem + ")");
        }
        catch (NotFoundException ex) {
            throw new ImageNotBuiltException(reference);
        }
        catch (DockerException ex) {
            throw engineQuestion("run " + reference, ex);
        }
        finally {
            if (containerId != null) {
                try {
                    client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
                    progress.accept("Stopped and removed container " + containerId.substring(0, 12));
                }
                catch (RuntimeException ex) {
                    progress.accept("Could not remove container " + containerId.substring(0, 12) + ": "
                            + rootMessage(ex) + " (remove it with docker rm -f)");
                }
            }
        }
    }

    private List<String> logs(String containerId) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try {
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(50)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            lines.add(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8).stripTrailing());
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException ex) {
            lines.add("(logs unavailable: " + rootMessage(ex) + ")");
        }
        return List.copyOf(lines);
    }

    /** Tags {@code source} as {@code target} ({@code host/name:tag}). */
    void tag(String source, String target) {
        int colon = target.lastIndexOf(':');
        try {
            client.tagImageCmd(source, target.substring(0, colon), target.substring(colon + 1)).withForce(true).exec();
        }
        catch (NotFoundException ex) {
            throw new ImageNotBuiltException(source);
        }
        catch (RuntimeException ex) {
            throw engineQuestion("tag " + source + " as " + target, ex);
        }
    }

    /** Pushes {@code reference} ({@code host/name:tag}) with the given credentials, lines as they come. */
    void push(String reference, String username, String password, Consumer<String> progress, Duration timeout)
            throws InterruptedException {
        int colon = reference.lastIndexOf(':');
        String repository = reference.substring(0, colon);
        AuthConfig auth = new AuthConfig().withRegistryAddress(repository.substring(0, repository.indexOf('/')));
        if (username != null && !username.isBlank()) {
            auth.withUsername(username).withPassword(password);
        }
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ResultCallback.Adapter<PushResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(PushResponseItem item) {
                if (item.getErrorDetail() != null) {
                    errors.add(item.getErrorDetail().getMessage());
                }
                else if (item.getStatus() != null) {
                    progress.accept((item.getId() == null ? "" : item.getId() + ": ") + item.getStatus());
                }
            }
        };
        try {
            client.pushImageCmd(repository).withTag(reference.substring(colon + 1)).withAuthConfig(auth).exec(callback);
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                callback.close();
                throw new ImageEngineException("The push of " + reference + " ran past " + timeout + ": check the "
                        + "registry's address and that it answers.", null);
            }
            callback.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (RuntimeException ex) {
            if (ex instanceof ImageEngineException) {
                throw ex;
            }
            throw new ImageEngineException("The push of " + reference + " failed (" + rootMessage(ex) + "): check "
                    + "panel.images.registry (url, username, password) and that the registry answers.", ex);
        }
        if (!errors.isEmpty()) {
            throw new ImageEngineException("The registry refused the push of " + reference + ": "
                    + String.join("; ", errors) + ". Check panel.images.registry.username and password, and that the "
                    + "engine trusts the registry (loopback needs no TLS; others need TLS or insecure-registries).",
                    null);
        }
    }

    /** Removes an image (tests and rebuilds), ignoring one that is not there. */
    void remove(String reference) {
        try {
            client.removeImageCmd(reference).withForce(true).exec();
        }
        catch (NotFoundException ex) {
            // already gone
        }
    }

    private ImageEngineException engineQuestion(String what, RuntimeException ex) {
        return new ImageEngineException("Could not " + what + " on the Docker engine at " + address.describe() + " ("
                + rootMessage(ex) + "): check that it runs (`docker info`), then try again.", ex);
    }

    private static boolean isConnectionRefused(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof java.nio.file.NoSuchFileException) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage().strip() : root.getClass().getSimpleName();
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String text = body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            }
            catch (IOException ex) {
                // a temporary file in the temp folder; the system cleans it
            }
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** The engine's build output, turned into steps, log lines and the outcome. */
    private static final class BuildStream extends ResultCallback.Adapter<BuildResponseItem> {

        private final Consumer<BuildProgress> listener;

        private final List<String> log = Collections.synchronizedList(new ArrayList<>());

        private volatile int step;

        private volatile int total;

        private volatile int cached;

        private volatile String instruction;

        private volatile String imageId;

        private volatile String error;

        private volatile Throwable failure;

        private volatile boolean stopped;

        private volatile boolean completed;

        /** Our own latch: docker-java's timed awaitCompletion closes the stream when the time is up. */
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

        private final StringBuilder partial = new StringBuilder();

        BuildStream(Consumer<BuildProgress> listener) {
            this.listener = listener;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                partial.append(item.getStream());
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    line(partial.substring(0, newline));
                    partial.delete(0, newline + 1);
                }
            }
            if (item.isBuildSuccessIndicated() && item.getImageId() != null) {
                imageId = item.getImageId().startsWith("sha256:") ? item.getImageId() : "sha256:" + item.getImageId();
            }
            if (item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
                line("ERROR: " + error);
            }
        }

        private void line(String raw) {
            String text = raw.stripTrailing();
            if (text.isEmpty()) {
                return;
            }
            Matcher matcher = STEP.matcher(text);
            if (matcher.matches()) {
                step = Integer.parseInt(matcher.group(1));
                total = Integer.parseInt(matcher.group(2));
                instruction = matcher.group(3);
            }
            else if (text.contains("Using cache")) {
                cached++;
            }
            else if (text.startsWith("Successfully built ") && imageId == null) {
                imageId = "sha256:" + text.substring("Successfully built ".length()).strip();
            }
            log.add(text);
            int percent = imageId != null ? 100 : total == 0 ? 0 : (step - 1) * 100 / total;
            listener.accept(new BuildProgress(step, total, percent, text));
        }

        @Override
        public void onError(Throwable throwable) {
            // closing the stream at the end (or on cancel) makes the reader fail; that is no failure of the build
            if (!stopped && !completed && imageId == null && error == null) {
                failure = throwable;
            }
            done.countDown();
            super.onError(throwable);
        }

        @Override
        public void onComplete() {
            completed = true;
            if (!partial.isEmpty()) {
                line(partial.toString());
                partial.setLength(0);
            }
            done.countDown();
            super.onComplete();
        }

        boolean started() {
            return !log.isEmpty();
        }

        void stop() {
            stopped = true;
            try {
                close();
            }
            catch (IOException ex) {
                // closing is how a build is stopped; a stream that is already gone is stopped too
            }
        }

        List<String> log() {
            synchronized (log) {
                return List.copyOf(log);
            }
        }
    }

    /**
     * A smoke run's answer.
     *
     * @param url      the URL asked
     * @param status   the HTTP status (0 when none came)
     * @param body     the start of the body
     * @param duration from start to answer
     * @param logs     the container's last log lines
     * @param problem  why it did not answer, or {@code null}
     */
    record Probe(String url, int status, String body, Duration duration, List<String> logs, String problem) {

        boolean answered() {
            return problem == null && status >= 200 && status < 400;
        }
    }
}
