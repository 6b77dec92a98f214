package dev.taskflow.panel.secrets;

import java.nio.file.Path;

import dev.taskflow.panel.pipeline.InvalidRequestException;

/** The app checkout whose .gitignore should be read or changed is not where the panel looks. */
public class AppCheckoutMissingException extends InvalidRequestException {

    public AppCheckoutMissingException(Path appRoot) {
        super("The app checkout " + appRoot + " does not exist: set panel.secrets.app-root to the folder of the app's "
                + "git repository.");
    }
}
