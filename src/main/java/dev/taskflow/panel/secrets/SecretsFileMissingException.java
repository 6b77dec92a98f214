package dev.taskflow.panel.secrets;

import java.nio.file.Path;

import dev.taskflow.panel.pipeline.ConflictException;

/** The secrets file was needed before anyone created it. */
public class SecretsFileMissingException extends ConflictException {

    public SecretsFileMissingException(Path location) {
        super("There is no secrets file at " + location + " yet: create it from the template (Secrets page, or "
                + "POST /api/secrets/template?plan=taskflow), fill in the values, or point panel.secrets.file at yours.");
    }
}
