package dev.taskflow.panel.compose;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.checks.Target;
import dev.taskflow.panel.checks.TargetRegistry;
import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.support.SecretMasker;
import org.springframework.stereotype.Component;

/**
 * {@code compose-verify} (todo-app T027): the compose stack is healthy; through the registered {@code compose}
 * target the backend's health path answers 200 and the frontend's root page answers 200; and from inside the
 * frontend's container the backend answers by service name (unless {@code inNetwork: "false"}). With
 * {@code up: "true"} a stack that is not healthy is brought up first.
 */
@Component
class ComposeVerifyCheck implements Check {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final int BODY_CHARS = 400;

    private final ComposeStack stack;

    private final TargetRegistry targets;

    private final SecretMasker masker;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    ComposeVerifyCheck(ComposeStack stack, TargetRegistry targets, SecretMasker masker) {
        this.stack = stack;
        this.targets = targets;
        this.masker = masker;
    }

    @Override
    public String id() {
        return "compose-verify";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        List<Evidence> evidence = new ArrayList<>();
        ComposeStatus status;
        try {
            status = stack.status();
            if (!status.healthy() && Boolean.parseBoolean(context.parameter("up", "false"))) {
                context.report("The stack is " + status.condition() + ": bringing it up first.");
                evidence.addAll(ComposeEvidence.of(stack.up(Boolean.parseBoolean(context.parameter("build", "true")),
                        context::report)));
                status = stack.status();
            }
            status.services().forEach(service -> evidence.add(ComposeEvidence.service(service, null)));
            if (!status.healthy()) {
                return TaskOutcome.of(false, "The compose stack (project '" + status.project() + "') is "
                        + status.condition() + describe(status) + ". Bring it up with compose-up (or the Up button on "
                        + "the Compose page), or give this task the parameter up: \"true\".", evidence);
            }
        }
        catch (ComposeException ex) {
            return TaskOutcome.of(false, ex.getMessage(), evidence);
        }
        Target target = targets.find(ComposeStack.TARGET).orElse(null);
        if (target == null) {
            return TaskOutcome.of(false, "The stack is healthy but target '" + ComposeStack.TARGET + "' is not "
                    + "registered; bring the stack up again from the panel.", evidence);
        }
        URI health = URI.create(target.backendUrl() + stack.properties().backendHealthPath());
        String backend = get("backend health", health, evidence);
        String frontend = target.frontendUrl() == null ? "no frontend URL to check"
                : get("frontend root", URI.create(target.frontendUrl() + "/"), evidence);
        String inNetwork = Boolean.parseBoolean(context.parameter("inNetwork", "true")) ? inNetwork(status, evidence)
                : null;
        List<String> problems = new ArrayList<>();
        for (String problem : new String[] { backend, frontend, inNetwork }) {
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (problems.isEmpty()) {
            return TaskOutcome.of(true, "The compose stack is healthy: " + health + " answered 200, "
                    + target.frontendUrl() + "/ answered 200" + reachedSummary(evidence) + ".", evidence);
        }
        return TaskOutcome.of(false, String.join("; ", problems) + ". Check panel.compose.backend-url / frontend-url "
                + "against the ports the compose file publishes, and the service's logs on the Compose page.",
                evidence);
    }

    /** GETs a URL and records it; {@code null} when it answered 200, else what went wrong. */
    private String get(String what, URI url, List<Evidence> evidence) throws InterruptedException {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - started) / 1_000_000;
            String body = response.body() == null ? "" : response.body();
            evidence.add(new Evidence(Evidence.Kind.HTTP, "GET " + url, masker.mask(body.length() > BODY_CHARS
                    ? body.substring(0, BODY_CHARS) + "…" : body), Map.of("status",
                            String.valueOf(response.statusCode()), "durationMs", String.valueOf(millis))));
            return response.statusCode() == 200 ? null : what + " " + url + " answered " + response.statusCode();
        }
        catch (IOException ex) {
            evidence.add(new Evidence(Evidence.Kind.HTTP, "GET " + url, ex.toString(), Map.of("status", "none")));
            return what + " " + url + " did not answer (" + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + ")";
        }
    }

    /** The frontend calls the backend by service name on the stack's network (T027); {@code null} when it did. */
    private String inNetwork(ComposeStatus status, List<Evidence> evidence) {
        ComposeProperties properties = stack.properties();
        ServiceStatus backend = find(status, properties.backendService());
        ServiceStatus frontend = find(status, properties.frontendService());
        if (backend == null || frontend == null) {
            evidence.add(Evidence.note("frontend to backend inside the stack", "Not checked: the stack has no '"
                    + (frontend == null ? properties.frontendService() : properties.backendService()) + "' service "
                    + "(panel.compose.frontend-service / backend-service name them)."));
            return null;
        }
        int port = ComposeStack.containerPort(backend).orElse(properties.backendUrl().getPort() > 0
                ? properties.backendUrl().getPort() : 80);
        String url = "http://" + backend.service() + ":" + port + properties.backendHealthPath();
        InNetworkProbe probe;
        try {
            probe = stack.reach(frontend.service(), url);
        }
        catch (ComposeException ex) {
            return ex.getMessage();
        }
        evidence.add(new Evidence(Evidence.Kind.COMMAND, "in " + frontend.container() + ": "
                + (probe.tool() == null ? "no HTTP client" : probe.tool()) + " " + url, probe.output(), Map.of(
                        "reached", String.valueOf(probe.reached()), "tool", probe.tool() == null ? "none"
                                : probe.tool(), "missing", String.join(", ", probe.missing()))));
        if (probe.reached()) {
            return null;
        }
        return probe.tool() == null ? "the frontend's image has no HTTP client (" + String.join(", ", probe.missing())
                + ") to call " + url + " from inside the stack; pass inNetwork: \"false\" to skip this part"
                : "the frontend could not reach " + url + " inside the stack (" + probe.tool() + ": "
                        + probe.output() + "); both services must share a compose network";
    }

    private static String reachedSummary(List<Evidence> evidence) {
        return evidence.stream().filter(entry -> "true".equals(entry.values().get("reached"))).findFirst()
                .map(entry -> ", and the frontend reached the backend by name inside the stack ("
                        + entry.values().get("tool") + ")")
                .orElse("");
    }

    private static ServiceStatus find(ComposeStatus status, String service) {
        return status.services().stream().filter(candidate -> candidate.service().equals(service)).findFirst()
                .orElse(null);
    }

    private static String describe(ComposeStatus status) {
        if (status.services().isEmpty()) {
            return " (no containers)";
        }
        return " (" + String.join(", ", status.services().stream()
                .map(service -> service.service() + " " + service.condition()).toList()) + ")";
    }
}
