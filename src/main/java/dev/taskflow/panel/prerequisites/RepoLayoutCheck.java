package dev.taskflow.panel.prerequisites;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.PipelineProperties;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/** Checks that the folders for deployment artifacts exist in the panel's checkout ({@code paths}: comma list). */
@Component
class RepoLayoutCheck implements Check {

    private final PipelineProperties pipeline;

    RepoLayoutCheck(PipelineProperties pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public String id() {
        return "repo-layout";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        Path root = pipeline.repoRoot().toAbsolutePath().normalize();
        List<String> missing = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (String folder : Arrays.stream(context.parameter("paths", "dockerfiles,helm").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).toList()) {
            boolean present = Files.isDirectory(root.resolve(folder));
            values.put(folder, present ? "present" : "missing");
            if (!present) {
                missing.add(folder);
            }
        }
        Evidence evidence = Evidence.measurement("Folders in " + root, values);
        if (!missing.isEmpty()) {
            return TaskOutcome.failed("Missing in " + root + ": " + String.join(", ", missing) + ". Restore them from "
                    + "git, or point panel.pipeline.repo-root at the panel's checkout.", evidence);
        }
        return TaskOutcome.passed("Artifact folders present: " + String.join(", ", values.keySet()), evidence);
    }
}
