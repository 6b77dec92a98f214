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
 * {@code compose-verify} (todo-app T027): the compose stack is healthy, and through the registered {@code compose}
 * target the backend's health path answers 200 and the frontend's root page answers 200. With {@code up: "true"} a
 * stack that is not healthy is brought up first.
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
        try {
            ComposeStatus status = stack.status();
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
        boolean passed = backend == null && frontend == null;
        if (passed) {
            return TaskOutcome.of(true, "The compose stack is healthy: " + health + " answered 200 and "
                    + target.frontendUrl() + "/ answered 200.", evidence);
        }
        List<String> problems = new ArrayList<>();
        if (backend != null) {
            problems.add(backend);
        }
        if (frontend != null) {
            problems.add(frontend);
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

    private static String describe(ComposeStatus status) {
        if (status.services().isEmpty()) {
            return " (no containers)";
        }
        return " (" + String.join(", ", status.services().stream()
                .map(service -> service.service() + " " + service.condition()).toList()) + ")";
    }
}
