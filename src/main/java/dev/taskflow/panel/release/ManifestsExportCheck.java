package dev.taskflow.panel.release;

import java.nio.file.Path;
import java.util.List;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/** Exports the rendered manifests as plain YAML files for people who apply them with {@code kubectl}. */
@Component
class ManifestsExportCheck implements Check {

    private final ReleaseService releases;

    ManifestsExportCheck(ReleaseService releases) {
        this.releases = releases;
    }

    @Override
    public String id() {
        return "manifests-export";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        List<Path> files = releases.export(context.plan().id());
        files.forEach(file -> context.report("wrote " + file));
        Path folder = files.isEmpty() ? null : files.getFirst().getParent();
        return TaskOutcome.of(!files.isEmpty(), files.size() + " manifests written to " + folder + ". Secret values "
                + "are hidden in them: create the Secrets with kubectl create secret generic --from-env-file="
                + "secrets.env.", List.of(new Evidence(Evidence.Kind.FILE, String.valueOf(folder), String.join("\n",
                        files.stream().map(Path::toString).toList()), java.util.Map.of())));
    }
}
