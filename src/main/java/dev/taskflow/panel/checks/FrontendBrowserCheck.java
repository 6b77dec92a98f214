package dev.taskflow.panel.checks;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.springframework.stereotype.Component;

/**
 * Loads a target's frontend in headless Chromium (T046–T047) and fails when its console shows errors or its calls to
 * the backend fail: what a person would otherwise look for in the browser's DevTools.
 */
@Component
class FrontendBrowserCheck implements Check {

    /** How many problems the summary names; the evidence lists them all. */
    private static final int SHOWN = 5;

    private final TargetRegistry targets;

    private final FrontendBrowser browser;

    private final SecretMasker masker;

    FrontendBrowserCheck(TargetRegistry targets, FrontendBrowser browser, SecretMasker masker) {
        this.targets = targets;
        this.browser = browser;
        this.masker = masker;
    }

    @Override
    public String id() {
        return "frontend-browser";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        Target target;
        try {
            target = targets.resolve(context.parameter("target", "minikube"), context.plan().id());
        }
        catch (UnknownTargetException ex) {
            return TaskOutcome.failed(ex.getMessage());
        }
        if (target.frontendUrl() == null) {
            return skipped("Target '" + target.name() + "' has no frontend URL, so there is no page to load. Configure "
                    + "one with panel.targets." + target.name() + ".frontend-url=http://…");
        }
        if (!browser.available()) {
            return skipped(browser.unavailableReason());
        }
        URI url = target.frontendUrl();
        context.report("Loading " + url + " in headless Chromium");
        BrowserVisit visit;
        try {
            visit = browser.visit(url, target.backendUrl());
        }
        catch (FrontendBrowser.VisitFailedException ex) {
            return TaskOutcome.failed(masker.mask(ex.getMessage()),
                    new Evidence(Evidence.Kind.HTTP, url.toString(), masker.mask(ex.getMessage()), Map.of()));
        }
        context.report("Loaded '" + visit.title() + "' in " + visit.loadMs() + " ms: " + visit.consoleErrors().size()
                + " console errors, " + visit.failedRequests().size() + " failed requests");
        Evidence evidence = evidence(visit);
        if (!visit.clean()) {
            List<String> problems = new ArrayList<>();
            visit.failedBackendRequests().forEach(failure -> problems.add("request " + failure));
            visit.consoleErrors().forEach(error -> problems.add("console: " + error));
            String shown = String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size())))
                    + (problems.size() > SHOWN ? "; and " + (problems.size() - SHOWN) + " more" : "");
            String advice = visit.failedBackendRequests().isEmpty()
                    ? "open the page with DevTools to see where they come from."
                    : "check the frontend's API base URL and the backend's CORS origins.";
            return TaskOutcome.failed(masker.mask("The frontend at " + url + " shows " + problems.size()
                    + (problems.size() == 1 ? " problem: " : " problems: ") + shown + ". To fix, " + advice), evidence);
        }
        int otherFailures = visit.failedRequests().size();
        return TaskOutcome.passed("Frontend loaded in " + visit.loadMs() + " ms without console errors; "
                + visit.backendRequests() + (visit.backendRequests() == 1 ? " request" : " requests") + " to the backend"
                + (otherFailures == 0 ? "" : "; " + otherFailures + " other "
                        + (otherFailures == 1 ? "request" : "requests") + " failed (see evidence)"),
                evidence);
    }

    private Evidence evidence(BrowserVisit visit) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("loadMs", String.valueOf(visit.loadMs()));
        values.put("title", masker.mask(visit.title()));
        values.put("consoleErrors", String.valueOf(visit.consoleErrors().size()));
        values.put("failedRequests", String.valueOf(visit.failedRequests().size()));
        values.put("backendRequests", String.valueOf(visit.backendRequests()));
        StringBuilder body = new StringBuilder();
        section(body, "Console errors", visit.consoleErrors());
        section(body, "Failed requests", visit.failedRequests());
        return new Evidence(Evidence.Kind.HTTP, visit.url().toString(), masker.mask(body.toString().strip()), values);
    }

    private static void section(StringBuilder body, String heading, List<String> lines) {
        body.append(heading).append(": ").append(lines.isEmpty() ? "none" : lines.size()).append('\n');
        lines.forEach(line -> body.append("- ").append(line).append('\n'));
    }

    private static TaskOutcome skipped(String summary) {
        return new TaskOutcome(TaskStatus.SKIPPED, summary, List.of());
    }
}
