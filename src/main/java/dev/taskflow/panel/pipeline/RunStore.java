package dev.taskflow.panel.pipeline;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every run, one JSON document each under {@code runs/} in the workspace, written atomically. On start-up it reads
 * them all back; a run that was in flight when the panel stopped is marked interrupted, and so are its open tasks.
 */
@Component
public class RunStore {

    private static final Logger log = LoggerFactory.getLogger(RunStore.class);

    private final Workspace workspace;

    private final Path folder;

    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Map<String, RunRecord> runs = new ConcurrentHashMap<>();

    public RunStore(Workspace workspace) {
        this.workspace = workspace;
        this.folder = workspace.folder("runs");
        loadAll();
    }

    public void save(RunRecord run) {
        runs.put(run.id(), run);
        workspace.writeAtomically(folder.resolve(run.id() + ".json"), json.writeValueAsBytes(run));
    }

    public Optional<RunRecord> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** Every run, newest first. */
    public List<RunRecord> all() {
        return runs.values().stream().sorted(Comparator.comparing(RunRecord::createdAt).reversed()
                .thenComparing(RunRecord::id, Comparator.reverseOrder())).toList();
    }

    public List<RunRecord> ofPlan(String planId) {
        return all().stream().filter(run -> run.plan().equals(planId)).toList();
    }

    private void loadAll() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : files) {
                try {
                    RunRecord run = json.readValue(file.toFile(), RunRecord.class);
                    if (!run.status().finished()) {
                        run = interrupted(run);
                        save(run);
                    }
                    runs.put(run.id(), run);
                }
                catch (JacksonException ex) {
                    // Left where it is, untouched, so a person can look at it; the panel goes on without it.
                    log.warn("Skipping run file {}: it is not a run document ({})", file, ex.getOriginalMessage());
                }
            }
        }
        catch (IOException ex) {
            throw new WorkspaceNotWritableException(folder, ex);
        }
        log.info("Loaded {} runs from {}", runs.size(), folder);
    }

    private static RunRecord interrupted(RunRecord run) {
        Instant now = Instant.now();
        List<TaskResult> results = run.results().stream()
                .map(result -> result.status().finished() ? result
                        : result.finished(TaskStatus.INTERRUPTED,
                                "Interrupted: the panel stopped while this task was " + result.status().label()
                                        + ". Run it again.", result.evidence(), now))
                .toList();
        return run.with(RunStatus.INTERRUPTED, run.startedAt(), now, results, run.checkpoints());
    }
}
