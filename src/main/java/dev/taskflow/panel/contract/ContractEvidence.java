package dev.taskflow.panel.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Evidence;

/** The evidence the contract checks leave behind, written the same way by each. */
final class ContractEvidence {

    private ContractEvidence() {
    }

    static Evidence http(String url, String response) {
        return new Evidence(Evidence.Kind.HTTP, "GET " + url, response, Map.of());
    }

    static Evidence endpoints(ApiContract contract) {
        StringBuilder table = new StringBuilder();
        for (ApiEndpoint endpoint : contract.endpoints()) {
            table.append(endpoint.key()).append(endpoint.requiresAuth() ? "  [bearer]" : "")
                    .append(endpoint.bodyFields().isEmpty() ? "" : "  body: " + String.join(", ", endpoint.bodyFields()))
                    .append("  status: ").append(String.join(", ", endpoint.statusCodes())).append('\n');
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("endpoints", String.valueOf(contract.endpoints().size()));
        values.put("requiringAuth", String.valueOf(contract.endpoints().stream().filter(ApiEndpoint::requiresAuth).count()));
        values.put("source", contract.source());
        return new Evidence(Evidence.Kind.MEASUREMENT, "Endpoints in " + contract.source(), table.toString().strip(),
                values);
    }

    static Evidence findings(List<SourceFinding> findings) {
        Map<String, String> values = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        for (SourceFinding finding : findings) {
            values.put(finding.setting(), finding.found() ? finding.value() : "not found");
            body.append(finding.setting()).append(": ")
                    .append(finding.found() ? finding.value() + " (" + finding.where() + ")" : finding.where())
                    .append('\n');
        }
        return new Evidence(Evidence.Kind.MEASUREMENT, "Settings read from the app's source", body.toString().strip(),
                values);
    }

    static Evidence file(String path, String what) {
        return new Evidence(Evidence.Kind.FILE, path, what, Map.of("path", path));
    }
}
