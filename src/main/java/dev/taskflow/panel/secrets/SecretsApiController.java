package dev.taskflow.panel.secrets;

import dev.taskflow.panel.pipeline.PlanCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The deployment's secrets.env (fingerprints only, never values), its .gitignore entries and the database probe. */
@RestController
@RequestMapping("/api/secrets")
@Tag(name = "Secrets", description = "secrets.env from a template, validated as fingerprints; .gitignore entries; database probe")
class SecretsApiController {

    private final SecretsFile secrets;

    private final DatabaseProbe probe;

    SecretsApiController(SecretsFile secrets, DatabaseProbe probe) {
        this.secrets = secrets;
        this.probe = probe;
    }

    @GetMapping
    @Operation(summary = "secrets.env checked against a plan's keys: a fingerprint, length and findings per key, never a value")
    SecretsReport report(@Parameter(description = "plan id: taskflow, habit-tracker, todo-app")
            @RequestParam(defaultValue = PlanCatalog.DEFAULT_PLAN) String plan) {
        return secrets.validate(plan);
    }

    @PostMapping("/template")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Write secrets.env with the plan's keys as placeholders, mode 0600; 409 when the file exists")
    CreatedTemplate template(@Parameter(description = "plan id: taskflow, habit-tracker, todo-app")
            @RequestParam(defaultValue = PlanCatalog.DEFAULT_PLAN) String plan) {
        return secrets.createFromTemplate(plan);
    }

    @GetMapping("/gitignore")
    @Operation(summary = "Which entries the app repository's .gitignore covers (default: the secrets file's name)")
    GitignoreStatus gitignoreStatus(@Parameter(description = "comma-separated entries, e.g. secrets.env,*.env")
            @RequestParam(required = false) String entries) {
        return secrets.gitignoreStatus(secrets.gitignoreEntries(entries));
    }

    @PostMapping("/gitignore")
    @Operation(summary = "Add the entries the app repository's .gitignore lacks (creating it if need be), never twice")
    GitignoreUpdate gitignore(@Parameter(description = "comma-separated entries, e.g. secrets.env,*.env")
            @RequestParam(required = false) String entries) {
        return secrets.ensureGitignored(secrets.gitignoreEntries(entries));
    }

    @PostMapping("/database-probe")
    @Operation(summary = "Connect with secrets.env's DATABASE_URL: server version and latency, or the failure explained")
    DatabaseProbeResult databaseProbe() {
        return probe.probe();
    }
}
