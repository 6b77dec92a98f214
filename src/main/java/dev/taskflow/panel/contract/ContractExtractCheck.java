package dev.taskflow.panel.contract;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/**
 * Seed T001–T002: what production's API is. {@code source=production-backend} reads the backend's OpenAPI
 * document; {@code source=production-frontend} reads the deployed frontend's page and scripts for the backend URL
 * and API paths it calls; {@code target=<name|url>} reads any target's backend.
 */
@Component
class ContractExtractCheck implements Check {

    private static final String FRONTEND = "production-frontend";

    private final ContractService contracts;

    private final ContractTargets targets;

    ContractExtractCheck(ContractService contracts, ContractTargets targets) {
        this.contracts = contracts;
        this.targets = targets;
    }

    @Override
    public String id() {
        return "contract-extract";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        String source = context.parameter("source", "production-backend");
        String target = context.parameter("target", null);
        try {
            if (target == null && FRONTEND.equals(source)) {
                return frontend(context);
            }
            return backend(context, target != null ? target : ContractTargets.PRODUCTION);
        }
        catch (ContractSourceUnavailableException | ContractTargetException ex) {
            return TaskOutcome.failed(ex.getMessage());
        }
    }

    private TaskOutcome backend(CheckContext context, String target) {
        URI backend = targets.backend(target);
        context.report("Reading " + contracts.openapiUrl(backend));
        ContractService.Extraction extraction = contracts.extraction(backend);
        ApiContract contract = extraction.contract();
        Evidence http = ContractEvidence.http(extraction.url(), extraction.response());
        if (contract.endpoints().isEmpty()) {
            return TaskOutcome.failed("The OpenAPI document at " + extraction.url() + " lists no endpoints: check "
                    + "the target is the app's backend.", http);
        }
        long auth = contract.endpoints().stream().filter(ApiEndpoint::requiresAuth).count();
        return TaskOutcome.passed("Read " + contract.endpoints().size() + " endpoints from " + extraction.url() + " ("
                + auth + " need a bearer token)", http, ContractEvidence.endpoints(contract));
    }

    private TaskOutcome frontend(CheckContext context) {
        URI frontend = targets.frontend(ContractTargets.PRODUCTION);
        context.report("Reading " + frontend + " and the scripts it loads");
        FrontendScanner.FrontendCalls calls = contracts.frontendCalls(frontend);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("scriptsRead", String.valueOf(calls.scripts().size() - calls.unread().size()));
        values.put("backendBaseUrls", String.join(", ", calls.baseUrls()));
        values.put("apiPaths", String.join(", ", calls.apiPaths()));
        Evidence http = ContractEvidence.http(calls.pageUrl(), calls.page());
        Evidence found = new Evidence(Evidence.Kind.MEASUREMENT, "API calls referenced by " + calls.pageUrl(),
                "Backend base URLs:\n" + lines(calls.baseUrls()) + "\nAPI paths:\n" + lines(calls.apiPaths())
                        + (calls.unread().isEmpty() ? "" : "\nScripts not read:\n" + lines(calls.unread())),
                values);
        if (calls.baseUrls().isEmpty() && calls.apiPaths().isEmpty()) {
            return TaskOutcome.failed("The frontend at " + calls.pageUrl() + " references no backend URL or /api/ "
                    + "path in its page or " + calls.scripts().size() + " scripts: check the frontend-url is the "
                    + "deployed app, or inspect the browser's network tab by hand.", http, found);
        }
        return TaskOutcome.passed("The frontend calls " + (calls.baseUrls().isEmpty() ? "a relative base URL"
                : String.join(", ", calls.baseUrls())) + " with " + calls.apiPaths().size() + " API paths", http, found);
    }

    private static String lines(java.util.List<String> items) {
        return items.isEmpty() ? "  (none)" : "  " + String.join("\n  ", items);
    }
}
