package dev.taskflow.panel.secrets;

import java.nio.file.Path;

import dev.taskflow.panel.pipeline.ConflictException;

/** Creating the secrets file from the template was asked while one exists: it is never overwritten. */
public class SecretsFileExistsException extends ConflictException {

    public SecretsFileExistsException(Path location) {
        super(location + " already exists and is never overwritten: edit it, or move it away first if you want a "
                + "fresh template.");
    }
}
