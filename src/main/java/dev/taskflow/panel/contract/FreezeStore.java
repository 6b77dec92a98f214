package dev.taskflow.panel.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.taskflow.panel.pipeline.Workspace;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The frozen contract's two files in the workspace's {@code contracts/} folder: JSON that the panel reads back and
 * checks against its own hash, and a Markdown table for people (both meant to be committed).
 */
class FreezeStore {

    static final String JSON_FILE = "contracts-freeze.json";

    static final String MARKDOWN_FILE = "contracts-freeze.md";

    private static final String NOTICE = "IMMUTABLE: production's API contract. Do not edit by hand; freeze again "
            + "from production instead.";

    private final Workspace workspace;

    private final JsonMapper pretty = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final JsonMapper canonical = JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    FreezeStore(Workspace workspace) {
        this.workspace = workspace;
    }

    FrozenContract write(ApiContract contract, Instant frozenAt) {
        FrozenContract frozen = new FrozenContract(contract.source(), frozenAt, hash(contract.endpoints()), contract);
        Path folder = workspace.folder("contracts");
        workspace.writeAtomically(folder.resolve(JSON_FILE), pretty.writeValueAsBytes(new FreezeFile(NOTICE,
                frozen.source(), frozen.frozenAt(), frozen.contentHash(), contract.endpoints().size(), contract)));
        workspace.writeAtomically(folder.resolve(MARKDOWN_FILE), markdown(frozen).getBytes(StandardCharsets.UTF_8));
        return frozen;
    }

    Optional<FrozenContract> read() {
        Path file = jsonFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        FreezeFile stored;
        try {
            stored = pretty.readValue(Files.readString(file), FreezeFile.class);
        }
        catch (IOException | JacksonException ex) {
            throw new FrozenContractTamperedException("The frozen contract " + file + " cannot be read ("
                    + firstLine(ex.getMessage()) + "). Restore it from version control, or freeze again from "
                    + "production (task T005).");
        }
        if (stored.contract() == null) {
            throw new FrozenContractTamperedException("The frozen contract " + file + " has no contract in it. "
                    + "Restore it from version control, or freeze again from production (task T005).");
        }
        String actual = hash(stored.contract().endpoints());
        if (!actual.equals(stored.contentHash())) {
            throw new FrozenContractTamperedException("The frozen contract " + file + " was edited by hand: its "
                    + "endpoints hash to " + actual + " but the file records " + stored.contentHash()
                    + ". Restore it from version control (git checkout -- " + JSON_FILE + "), or freeze again from "
                    + "production (task T005) if production really changed.");
        }
        return Optional.of(new FrozenContract(stored.source(), stored.frozenAt(), stored.contentHash(),
                stored.contract()));
    }

    Path jsonFile() {
        return workspace.folder("contracts").resolve(JSON_FILE);
    }

    Path markdownFile() {
        return workspace.folder("contracts").resolve(MARKDOWN_FILE);
    }

    /** {@code sha256:…} of the endpoints written as JSON with sorted keys and no spaces. */
    String hash(List<ApiEndpoint> endpoints) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(endpoints));
            return "sha256:" + HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }

    private static String markdown(FrozenContract frozen) {
        StringBuilder text = new StringBuilder();
        text.append("# API contract freeze — IMMUTABLE\n\n");
        text.append("> ").append(NOTICE).append(" The panel checks `").append(JSON_FILE)
                .append("` against its hash before every drift check.\n\n");
        text.append("- **Source:** ").append(frozen.source()).append('\n');
        text.append("- **Frozen at:** ").append(frozen.frozenAt()).append('\n');
        text.append("- **Content hash:** `").append(frozen.contentHash()).append("`\n");
        text.append("- **Endpoints:** ").append(frozen.contract().endpoints().size()).append("\n\n");
        text.append("| Method | Path | Auth | Body fields | Status codes | Operation |\n");
        text.append("|---|---|---|---|---|---|\n");
        for (ApiEndpoint endpoint : frozen.contract().endpoints()) {
            text.append("| ").append(endpoint.method()).append(" | `").append(endpoint.path()).append("` | ")
                    .append(endpoint.requiresAuth() ? "bearer token" : "none").append(" | ")
                    .append(cell(String.join(", ", endpoint.bodyFields()))).append(" | ")
                    .append(cell(String.join(", ", endpoint.statusCodes()))).append(" | ")
                    .append(cell(endpoint.summary() != null ? endpoint.summary() : endpoint.operationId()))
                    .append(" |\n");
        }
        return text.toString();
    }

    private static String cell(String text) {
        return text == null || text.isBlank() ? "—" : text.replace("|", "\\|").replace('\n', ' ');
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }

    /**
     * The JSON file's shape.
     *
     * @param notice        the IMMUTABLE notice for whoever opens the file
     * @param source        where the contract was read from
     * @param frozenAt      when it was frozen
     * @param contentHash   the endpoints' hash
     * @param endpointCount how many endpoints, for people reading the file
     * @param contract      the contract
     */
    record FreezeFile(String notice, String source, Instant frozenAt, String contentHash, int endpointCount,
            ApiContract contract) {
    }
}
