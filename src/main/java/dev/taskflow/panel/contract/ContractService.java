package dev.taskflow.panel.contract;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.taskflow.panel.pipeline.Workspace;
import org.springframework.stereotype.Service;

/**
 * The app's API contract: read it from a running backend's OpenAPI document, freeze production's into the
 * workspace, compare a live one against the frozen one, and read what the app's source says about ports and paths.
 */
@Service
public class ContractService {

    private static final int EVIDENCE_CHARS = 4000;

    private final ContractProperties properties;

    private final HttpFetcher http;

    private final OpenApiReader reader = new OpenApiReader();

    private final FreezeStore store;

    private final SourceSettingsScanner scanner;

    private final FrontendScanner frontend;

    ContractService(ContractProperties properties, Workspace workspace) {
        this.properties = properties;
        this.http = new HttpFetcher(properties.fetchTimeout());
        this.store = new FreezeStore(workspace);
        this.scanner = new SourceSettingsScanner(properties);
        this.frontend = new FrontendScanner(http);
    }

    /** Reads the contract from {@code <backendBaseUrl><openapi-path>}. */
    public ApiContract extract(URI backendBaseUrl) {
        return extraction(backendBaseUrl).contract();
    }

    /** Writes {@code contracts-freeze.json} and {@code .md}; missing expected endpoints are reported, not refused. */
    public FreezeResult freeze(ApiContract contract) {
        FrozenContract frozen = store.write(contract, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        return new FreezeResult(frozen, store.jsonFile().toString(), store.markdownFile().toString(),
                missingEndpoints(contract));
    }

    /** The frozen contract with its hash and time; empty when nothing was frozen yet. */
    public Optional<FrozenContract> frozen() {
        return store.read();
    }

    /** The frozen contract; empty when nothing was frozen yet, an error when the file was edited by hand. */
    public Optional<ApiContract> frozenContract() {
        return frozen().map(FrozenContract::contract);
    }

    public ContractDrift drift(ApiContract frozen, ApiContract live) {
        return ContractDrift.between(frozen, live);
    }

    /**
     * The expected endpoints ({@code panel.contract.expected-endpoints}) the contract lacks. Path parameters match
     * whatever they are named, so {@code /tasks/{id}} satisfies {@code /tasks/{task_id}}.
     */
    public List<String> missingEndpoints(ApiContract contract) {
        Set<String> present = contract.endpoints().stream().map(endpoint -> normalized(endpoint.key()))
                .collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (String expected : properties.expectedEndpoints()) {
            if (!present.contains(normalized(expected))) {
                missing.add(expected.strip());
            }
        }
        return missing;
    }

    /** What the app's source says about ports, API prefix and the frontend's API base URL. */
    public SourceFindings sourceFindings() {
        return scanner.scan();
    }

    ContractProperties properties() {
        return properties;
    }

    Extraction extraction(URI backendBaseUrl) {
        URI url = openapiUrl(backendBaseUrl);
        HttpFetcher.Fetched response = http.get(url, "application/json");
        if (!response.ok()) {
            throw new ContractSourceUnavailableException(url + " answered HTTP " + response.status() + " ("
                    + oneLine(response.trimmedBody(200)) + "): check the target's backend URL and "
                    + "panel.contract.openapi-path (FastAPI serves /openapi.json unless openapi_url was changed).");
        }
        if (response.looksLikeHtml()) {
            throw new ContractSourceUnavailableException(url + " answered an HTML page instead of OpenAPI JSON "
                    + "(Content-Type: " + (response.contentType().isEmpty() ? "none" : response.contentType())
                    + "), perhaps a login page, a proxy error or the frontend: point the target at the backend "
                    + "and panel.contract.openapi-path at its OpenAPI JSON.");
        }
        ApiContract contract = reader.read(response.body(), url.toString(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        return new Extraction(contract, url.toString(), response.trimmedBody(EVIDENCE_CHARS));
    }

    FrontendScanner.FrontendCalls frontendCalls(URI frontendUrl) {
        return frontend.scan(frontendUrl);
    }

    URI openapiUrl(URI backendBaseUrl) {
        String base = backendBaseUrl.toString().replaceAll("/+$", "");
        String path = properties.openapiPath().startsWith("/") ? properties.openapiPath() : "/" + properties.openapiPath();
        return URI.create(base + path);
    }

    private static String normalized(String key) {
        String[] parts = key.strip().split("\\s+", 2);
        String method = parts[0].toUpperCase(Locale.ROOT);
        String path = parts.length > 1 ? parts[1].replaceAll("\\{[^}]*}", "{}").replaceAll("(?<=.)/+$", "") : "";
        return method + " " + path;
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.isEmpty() ? "empty body" : flat;
    }

    /**
     * A contract and the response it came from, for evidence.
     *
     * @param contract the contract
     * @param url      the URL fetched
     * @param response the response body, trimmed
     */
    record Extraction(ApiContract contract, String url, String response) {
    }
}
