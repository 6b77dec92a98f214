package dev.taskflow.panel.pipeline;

import java.nio.file.Path;

/** The workspace folder cannot hold the panel's records; start-up stops with this. */
public class WorkspaceNotWritableException extends RuntimeException {

    private final Path path;

    public WorkspaceNotWritableException(Path path, Exception cause) {
        super("The panel's workspace " + path + " cannot be written (" + cause + "). Make it writable, or choose "
                + "another folder with --panel.pipeline.workspace=/some/writable/folder", cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
