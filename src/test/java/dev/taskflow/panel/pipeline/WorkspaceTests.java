package dev.taskflow.panel.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceTests {

    @TempDir
    Path folder;

    @Test
    void aWorkspaceThatCannotBeWrittenIsRefusedNamingItsPath() throws Exception {
        Path file = Files.writeString(folder.resolve("a-file"), "not a folder");
        Path impossible = file.resolve("workspace");

        assertThatThrownBy(() -> new Workspace(new PipelineProperties(impossible, folder, 1, Duration.ofMinutes(1))))
                .isInstanceOf(WorkspaceNotWritableException.class)
                .hasMessageContaining(impossible.toString())
                .hasMessageContaining("--panel.pipeline.workspace=");
    }

    @Test
    void writesReplaceAFileWhole() throws Exception {
        Workspace workspace = new Workspace(new PipelineProperties(folder.resolve("ws"), folder, 1, Duration.ofMinutes(1)));
        Path target = workspace.folder("runs").resolve("one.json");

        workspace.writeAtomically(target, "first".getBytes());
        workspace.writeAtomically(target, "second".getBytes());

        assertThat(Files.readString(target)).isEqualTo("second");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }
}
