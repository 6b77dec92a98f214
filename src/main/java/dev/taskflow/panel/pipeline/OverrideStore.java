package dev.taskflow.panel.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The checkpoint overrides people have written, per plan, under {@code overrides/} in the workspace. */
@Component
class OverrideStore {

    private final Workspace workspace;

    private final Path folder;

    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Map<String, List<Checkpoint.Override>> byPlan = new ConcurrentHashMap<>();

    OverrideStore(Workspace workspace) {
        this.workspace = workspace;
        this.folder = workspace.folder("overrides");
    }

    Optional<Checkpoint.Override> find(String planId, String phaseId) {
        return overrides(planId).stream().filter(override -> override.phaseId().equals(phaseId)).findFirst();
    }

    synchronized void put(Checkpoint.Override override) {
        List<Checkpoint.Override> updated = new ArrayList<>(overrides(override.planId()));
        updated.removeIf(existing -> existing.phaseId().equals(override.phaseId()));
        updated.add(override);
        write(override.planId(), updated);
    }

    synchronized void withdraw(String planId, String phaseId) {
        List<Checkpoint.Override> updated = new ArrayList<>(overrides(planId));
        if (updated.removeIf(existing -> existing.phaseId().equals(phaseId))) {
            write(planId, updated);
        }
    }

    private List<Checkpoint.Override> overrides(String planId) {
        return byPlan.computeIfAbsent(planId, this::read);
    }

    private List<Checkpoint.Override> read(String planId) {
        Path file = folder.resolve(planId + ".json");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.copyOf(json.readValue(Files.readAllBytes(file), new TypeReference<List<Checkpoint.Override>>() {
            }));
        }
        catch (IOException ex) {
            throw new WorkspaceNotWritableException(file, ex);
        }
    }

    private void write(String planId, List<Checkpoint.Override> overrides) {
        workspace.writeAtomically(folder.resolve(planId + ".json"), json.writeValueAsBytes(overrides));
        byPlan.put(planId, List.copyOf(overrides));
    }
}
