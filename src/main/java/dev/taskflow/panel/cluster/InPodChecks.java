package dev.taskflow.panel.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskflow.panel.support.SecretMasker;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;

import org.springframework.stereotype.Component;

/**
 * The checks that look from inside the pods: the backend's health from its own pod, the environment each pod got
 * (as fingerprints), the backend Service's name resolved and its health reached from the frontend pod.
 */
@Component
public class InPodChecks {

    private static final Pattern IPV4 = Pattern.compile("\\b(\\d{1,3}(?:\\.\\d{1,3}){3})\\b");

    private static final Pattern WGET_STATUS = Pattern.compile("HTTP/[\\d.]+ (\\d{3})");

    private final ClusterService cluster;

    private final PodExec exec;

    private final SecretMasker masker;

    InPodChecks(ClusterService cluster, PodExec exec, SecretMasker masker) {
        this.cluster = cluster;
        this.exec = exec;
        this.masker = masker;
    }

    /** GET of the backend's health path on localhost, from inside a Ready backend pod (T042). */
    public InPodAnswers.Http backendHealth(String app) {
        Pod pod = cluster.readyPod(app, "backend");
        Container container = pod.getSpec().getContainers().get(0);
        String url = "http://127.0.0.1:" + containerPort(container, 8000) + healthPath(container);
        return http(pod, container.getName(), url, "backend health from its own pod",
                List.of("python3", "python", "wget", "curl", "node"));
    }

    /** GET of the backend Service's health path from inside a Ready frontend pod (T063). */
    public InPodAnswers.Http backendFromFrontend(String app) {
        Pod frontend = cluster.readyPod(app, "frontend");
        String url = backendServiceUrl(app) + backendHealthPath(app);
        return http(frontend, frontend.getSpec().getContainers().get(0).getName(), url,
                "backend health from the frontend pod", List.of("wget", "node", "curl", "python3"));
    }

    /** The backend Service's name resolved from inside a Ready frontend pod (T062, T047). */
    public InPodAnswers.Resolution resolveBackend(String app, String fromComponent) {
        Pod pod = cluster.readyPod(app, fromComponent);
        Service service = backendService(app);
        String name = service.getMetadata().getName();
        ExecResult result = exec.firstAvailable(pod.getMetadata().getName(), pod.getSpec().getContainers().get(0)
                .getName(), InPodCommand.resolve(name));
        List<String> addresses = new ArrayList<>();
        if (result.exitCode() == 0) {
            String output = result.stdout();
            if (result.tool().equals("nslookup")) {
                // nslookup prints the DNS server's address first; the answer follows the "Name:" line
                int answer = output.indexOf("Name:");
                output = answer < 0 ? "" : output.substring(answer);
            }
            Matcher matcher = IPV4.matcher(output);
            while (matcher.find()) {
                if (!addresses.contains(matcher.group(1))) {
                    addresses.add(matcher.group(1));
                }
            }
        }
        return new InPodAnswers.Resolution(pod.getMetadata().getName(), name, addresses,
                service.getSpec().getClusterIP(), result.toolNote(), masker.mask((result.stdout() + result.stderr())
                        .strip()));
    }

    /** The expected variables of a Ready pod of the component, as fingerprints (T057, T058, T035). */
    public InPodAnswers.Environment environment(String planId, String app, String component) {
        Pod pod = cluster.readyPod(app, component);
        ExecResult result = exec.firstAvailable(pod.getMetadata().getName(), pod.getSpec().getContainers().get(0)
                .getName(), InPodCommand.environment());
        Map<String, String> values = parseEnvironment(result);
        List<String> expected = new ArrayList<>(cluster.properties().expectedEnv(planId, component));
        List<InPodAnswers.Variable> variables = expected.stream().map(name -> variable(name, values.get(name)))
                .toList();
        return new InPodAnswers.Environment(pod.getMetadata().getName(), component, variables, result.toolNote());
    }

    /** One variable's value in a pod, only ever handed out as a fingerprint. */
    InPodAnswers.Variable variableIn(Pod pod, String name) {
        ExecResult result = exec.firstAvailable(pod.getMetadata().getName(), pod.getSpec().getContainers().get(0)
                .getName(), InPodCommand.environment());
        return variable(name, parseEnvironment(result).get(name));
    }

    /** The backend Service's in-cluster URL, e.g. {@code http://taskflow-backend-service:8000}. */
    String backendServiceUrl(String app) {
        Service service = backendService(app);
        return "http://" + service.getMetadata().getName() + ":" + service.getSpec().getPorts().get(0).getPort();
    }

    String backendHealthPath(String app) {
        return cluster.deployment(app, "backend").map(deployment -> deployment.getSpec().getTemplate().getSpec()
                .getContainers().get(0)).map(InPodChecks::healthPath).orElse("/health");
    }

    Service backendService(String app) {
        return cluster.service(app, "backend").orElseThrow(() -> new dev.taskflow.panel.pipeline.ConflictException(
                "There is no backend Service labelled app=" + app + ",component=backend in namespace "
                        + cluster.namespace() + ": install the release (helm install)."));
    }

    private InPodAnswers.Http http(Pod pod, String container, String url, String purpose, List<String> tools) {
        ExecResult result = exec.firstAvailable(pod.getMetadata().getName(), container,
                InPodCommand.httpGet(url, purpose, tools));
        Integer status = null;
        String body = result.stdout();
        switch (result.tool()) {
            case "curl" -> {
                List<String> lines = result.stdout().lines().toList();
                if (!lines.isEmpty() && lines.get(lines.size() - 1).strip().matches("\\d{3}")) {
                    status = Integer.parseInt(lines.get(lines.size() - 1).strip());
                    status = status == 0 ? null : status;
                    body = String.join("\n", lines.subList(0, lines.size() - 1));
                }
            }
            case "wget" -> {
                Matcher matcher = WGET_STATUS.matcher(result.stderr());
                while (matcher.find()) {
                    status = Integer.parseInt(matcher.group(1));
                }
            }
            default -> {
                List<String> lines = result.stdout().lines().toList();
                if (!lines.isEmpty() && lines.get(0).strip().matches("\\d{3}")) {
                    status = Integer.parseInt(lines.get(0).strip());
                    body = String.join("\n", lines.subList(1, lines.size()));
                }
            }
        }
        if (status == null && !result.stderr().isBlank()) {
            body = result.stderr();
        }
        String trimmed = body.strip();
        return new InPodAnswers.Http(pod.getMetadata().getName(), url, status,
                masker.mask(trimmed.length() > 500 ? trimmed.substring(0, 500) + "…" : trimmed), result.toolNote(),
                result.command());
    }

    private static InPodAnswers.Variable variable(String name, String value) {
        boolean present = value != null && !value.isEmpty();
        return new InPodAnswers.Variable(name, present, present ? SecretMasker.fingerprint(value) : null,
                value == null ? 0 : value.length());
    }

    static Map<String, String> parseEnvironment(ExecResult result) {
        String text = result.stdout();
        List<String> entries = text.indexOf('\0') >= 0 ? List.of(text.split("\0")) : text.lines().toList();
        Map<String, String> values = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals > 0 && entry.substring(0, equals).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                values.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return values;
    }

    private static int containerPort(Container container, int fallback) {
        return container.getPorts().stream().filter(port -> "http".equals(port.getName())).findFirst()
                .or(() -> container.getPorts().stream().findFirst()).map(ContainerPort::getContainerPort)
                .orElse(fallback);
    }

    private static String healthPath(Container container) {
        if (container.getReadinessProbe() != null && container.getReadinessProbe().getHttpGet() != null
                && container.getReadinessProbe().getHttpGet().getPath() != null) {
            return container.getReadinessProbe().getHttpGet().getPath();
        }
        return "/health";
    }
}
