package dev.taskflow.panel.release;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.taskflow.panel.pipeline.Workspace;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who did what to a release through the panel. Helm's records say when and what, not who; the panel adds that for
 * the revisions it made, in {@code releases/<namespace>.<release>.audit.json} in the workspace.
 */
@Component
class ReleaseAudit {

    /**
     * @param revision the revision the action produced (0 for an uninstall)
     * @param action   install, upgrade, rollback, uninstall, test
     * @param actor    who asked
     * @param at       when
     * @param detail   what was asked, masked ({@code --set} keys, the revision rolled back to)
     */
    record Entry(int revision, String action, String actor, Instant at, String detail) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final Workspace workspace;

    ReleaseAudit(Workspace workspace) {
        this.workspace = workspace;
    }

    synchronized void record(String namespace, String release, Entry entry) {
        List<Entry> entries = new ArrayList<>(entries(namespace, release));
        entries.add(entry);
        workspace.writeAtomically(file(namespace, release), JSON.writeValueAsBytes(entries));
    }

    synchronized List<Entry> entries(String namespace, String release) {
        Path file = file(namespace, release);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), new TypeReference<List<Entry>>() {
            });
        }
        catch (java.io.IOException | RuntimeException unreadable) {
            // the audit adds "who" to Helm's history; an unreadable one must not hide the history itself
            return List.of();
        }
    }

    Optional<Entry> forRevision(String namespace, String release, int revision) {
        return entries(namespace, release).stream().filter(entry -> entry.revision() == revision)
                .reduce((first, second) -> second);
    }

    static String actor() {
        return System.getProperty("user.name", "someone") + " via the panel";
    }

    private Path file(String namespace, String release) {
        return workspace.folder("releases").resolve(namespace + "." + release + ".audit.json");
    }
}
