package dev.taskflow.panel.secrets;

import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/**
 * Seeds habit-tracker T003 and todo-app T105: the app repository's .gitignore keeps the secrets files out of git. It
 * only looks; the Secrets page's button (or POST /api/secrets/gitignore) adds what is missing.
 */
@Component
class GitignoreEntriesCheck implements Check {

    static final String ID = "gitignore-entries";

    private final SecretsFile secrets;

    GitignoreEntriesCheck(SecretsFile secrets) {
        this.secrets = secrets;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        List<String> entries = secrets.gitignoreEntries(context.parameter("entries", null));
        GitignoreStatus status;
        try {
            status = secrets.gitignoreStatus(entries);
        }
        catch (AppCheckoutMissingException ex) {
            return TaskOutcome.failed(ex.getMessage());
        }
        Evidence evidence = new Evidence(Evidence.Kind.FILE, status.file(), null, Map.of(
                "present", String.join(", ", status.present()), "missing", String.join(", ", status.missing())));
        if (!status.complete()) {
            return TaskOutcome.failed(status.file() + (status.exists() ? " does not ignore " : " does not exist, so "
                    + "nothing ignores ") + String.join(", ", status.missing()) + ": add them with \"Add .gitignore "
                    + "entries\" on the Secrets page, or POST /api/secrets/gitignore?entries="
                    + String.join(",", entries) + ".", evidence);
        }
        return TaskOutcome.passed(status.file() + " ignores " + String.join(", ", status.present()), evidence);
    }
}
