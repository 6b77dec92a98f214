package dev.taskflow.panel.compose;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * The stack's containers through docker-java, against whatever {@code DOCKER_HOST} or the platform default points
 * at: the containers compose labelled with the project, their state and health, and their logs.
 */
@Component
class ComposeContainers {

    static final String PROJECT_LABEL = "com.docker.compose.project";

    static final String SERVICE_LABEL = "com.docker.compose.service";

    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(15);

    private final URI host;

    private final DockerClient client;

    ComposeContainers() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        this.host = config.getDockerHost();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(host)
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(3))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        this.client = DockerClientImpl.getInstance(config, http);
    }

    @PreDestroy
    void close() throws java.io.IOException {
        client.close();
    }

    /** Each service's container in the project (the first of each service when it was scaled), by service name. */
    List<ServiceStatus> services(String project) {
        List<Container> containers = engine(() -> client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(PROJECT_LABEL, project)).exec());
        List<ServiceStatus> services = new ArrayList<>();
        for (Container container : containers) {
            String service = container.getLabels().getOrDefault(SERVICE_LABEL, name(container));
            if (services.stream().noneMatch(known -> known.service().equals(service))) {
                services.add(status(service, container));
            }
        }
        services.sort(Comparator.comparing(ServiceStatus::service));
        return services;
    }

    /** The last lines a service's container wrote (stdout and stderr together); empty when it has no container. */
    Optional<List<String>> logs(String project, String service, int tail) {
        List<Container> containers = engine(() -> client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(PROJECT_LABEL, project, SERVICE_LABEL, service)).exec());
        if (containers.isEmpty()) {
            return Optional.empty();
        }
        CollectedOutput callback = new CollectedOutput();
        engine(() -> {
            client.logContainerCmd(containers.getFirst().getId()).withStdOut(true).withStdErr(true).withTail(tail)
                    .exec(callback);
            if (!callback.awaitCompletion(LOG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    callback.close();
                }
                catch (java.io.IOException ex) {
                    // The lines read so far are what there is.
                }
            }
            return null;
        });
        return Optional.of(callback.text().lines().toList());
    }

    /** What a program run inside a service's container printed and how it ended. */
    record ExecResult(long exitCode, String output) {
    }

    /**
     * Runs a program (an argument list, never a shell string) inside a service's running container.
     * @return empty when the service has no running container
     */
    Optional<ExecResult> exec(String project, String service, List<String> command, Duration timeout) {
        List<Container> running = engine(() -> client.listContainersCmd()
                .withLabelFilter(Map.of(PROJECT_LABEL, project, SERVICE_LABEL, service)).exec());
        if (running.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(engine(() -> {
            String id = client.execCreateCmd(running.getFirst().getId()).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            CollectedOutput callback = new CollectedOutput();
            try {
                client.execStartCmd(id).exec(callback);
                boolean finished = callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
                Long exitCode = client.inspectExecCmd(id).exec().getExitCodeLong();
                String output = callback.text().strip();
                return new ExecResult(!finished || exitCode == null ? -1 : exitCode,
                        finished ? output : output + " (still running after " + timeout + ")");
            }
            catch (com.github.dockerjava.api.exception.DockerException ex) {
                // The runtime refuses to start a program the image does not have ("executable file not found").
                return new ExecResult(127, ex.getMessage() == null ? ex.toString() : ex.getMessage().strip());
            }
        }));
    }

    private ServiceStatus status(String service, Container container) {
        InspectContainerResponse inspected;
        try {
            inspected = client.inspectContainerCmd(container.getId()).exec();
        }
        catch (NotFoundException ex) {
            // Removed between the list and the inspect, as happens during a down.
            return new ServiceStatus(service, name(container), "removing", "none", List.of(), null, null, null);
        }
        InspectContainerResponse.ContainerState state = inspected.getState();
        HealthState health = state.getHealth();
        String healthStatus = health == null || health.getStatus() == null ? "none" : health.getStatus();
        String note = null;
        if (health != null && health.getLog() != null && !health.getLog().isEmpty()) {
            HealthStateLog last = health.getLog().getLast();
            note = "exit " + last.getExitCodeLong() + (last.getOutput() == null || last.getOutput().isBlank() ? ""
                    : ": " + last.getOutput().strip());
        }
        String stateName = state.getStatus() == null ? container.getState() : state.getStatus();
        Long exitCode = "exited".equals(stateName) || "dead".equals(stateName) ? state.getExitCodeLong() : null;
        return new ServiceStatus(service, name(container), stateName, healthStatus, ports(container),
                instant(state.getStartedAt()), exitCode, note);
    }

    private static List<String> ports(Container container) {
        if (container.getPorts() == null) {
            return List.of();
        }
        return Arrays.stream(container.getPorts())
                .filter(port -> port.getPublicPort() != null)
                .map(ComposeContainers::port)
                .distinct()
                .toList();
    }

    private static String port(ContainerPort port) {
        return (port.getIp() == null || port.getIp().isBlank() ? "" : port.getIp() + ":") + port.getPublicPort()
                + "->" + port.getPrivatePort() + "/" + port.getType();
    }

    private static String name(Container container) {
        String[] names = container.getNames();
        return names == null || names.length == 0 ? container.getId().substring(0, 12)
                : names[0].replaceFirst("^/", "");
    }

    /** The engine's zero time ("0001-01-01T00:00:00Z") means "never started". */
    private static Instant instant(String text) {
        if (text == null || text.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(text);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    /** A call to the engine; an engine that does not answer becomes one message with the fix. */
    private <T> T engine(EngineCall<T> call) {
        try {
            return call.call();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Reason.ENGINE_UNAVAILABLE, "Interrupted while asking the "
                    + "Docker engine at " + host + ".");
        }
        catch (RuntimeException ex) {
            if (ex instanceof ComposeException compose) {
                throw compose;
            }
            if (ex instanceof com.github.dockerjava.api.exception.DockerException) {
                throw ex;
            }
            throw new ComposeException(ComposeException.Reason.ENGINE_UNAVAILABLE, "The Docker engine does not answer "
                    + "at " + host + " (" + rootMessage(ex) + "). Start it (`sudo dockerd &`, `sudo systemctl start "
                    + "docker` or Docker Desktop), or set DOCKER_HOST to where it runs.");
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    @FunctionalInterface
    private interface EngineCall<T> {
        T call() throws InterruptedException;
    }

    /** Collects what a container writes (stdout and stderr frames alike) as it arrives. */
    private static final class CollectedOutput extends ResultCallback.Adapter<Frame> {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void onNext(Frame frame) {
            synchronized (bytes) {
                bytes.writeBytes(frame.getPayload());
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
