package dev.taskflow.panel.pipeline;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.stereotype.Component;

/**
 * The folder where the panel keeps what it records ({@code runs/}, {@code overrides/}, later {@code contracts/},
 * {@code reports/}). It is checked at start-up: a workspace that cannot be written stops the panel with its path.
 */
@Component
public class Workspace {

    private final Path root;

    public Workspace(PipelineProperties properties) {
        this.root = properties.workspace().toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".probe-", ".tmp");
            Files.delete(probe);
        }
        catch (IOException | SecurityException ex) {
            throw new WorkspaceNotWritableException(root, ex);
        }
    }

    public Path root() {
        return root;
    }

    /** A folder inside the workspace, created when first asked for. */
    public Path folder(String name) {
        Path folder = root.resolve(name);
        try {
            return Files.createDirectories(folder);
        }
        catch (IOException ex) {
            throw new WorkspaceNotWritableException(folder, ex);
        }
    }

    /** Writes a file whole or not at all: a temporary file beside it, then a rename over it. */
    public void writeAtomically(Path target, byte[] content) {
        Path temporary = null;
        try {
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.write(temporary, content);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException ex) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException ex) {
            deleteQuietly(temporary);
            throw new WorkspaceNotWritableException(target, ex);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            }
            catch (IOException ignored) {
                // The original error is the one worth reporting.
            }
        }
    }
}
