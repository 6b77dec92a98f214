package dev.taskflow.panel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.taskflow.panel.pipeline.RunRecord;
import dev.taskflow.panel.pipeline.RunRequest;
import dev.taskflow.panel.pipeline.RunService;
import dev.taskflow.panel.pipeline.WorkspaceNotWritableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The panel stopped and started again over the same workspace, and refused a workspace it cannot write. */
class PanelRestartTests {

    @TempDir
    Path workspace;

    @TempDir
    Path tools;

    @Test
    void aRunIsStillListedAfterTheRestart() {
        String id;
        try (ConfigurableApplicationContext panel = start(workspace)) {
            RunService runs = panel.getBean(RunService.class);
            id = runs.start(new RunRequest("taskflow", null, List.of("T008", "T009"))).id();
            await().atMost(Duration.ofSeconds(30)).until(() -> runs.run(id).status().finished());
        }

        try (ConfigurableApplicationContext panel = start(workspace)) {
            RunRecord after = panel.getBean(RunService.class).run(id);
            assertThat(after.results()).extracting(result -> result.taskId()).containsExactly("T008", "T009");
            assertThat(after.results().getFirst().summary()).contains("minikube is not installed");
        }
    }

    @Test
    void startUpStopsNamingAWorkspaceThatCannotBeWritten() throws Exception {
        Path file = Files.writeString(workspace.resolve("plain-file"), "x");
        Path impossible = file.resolve("workspace");

        assertThatThrownBy(() -> start(impossible).close())
                .rootCause().isInstanceOf(java.nio.file.FileSystemException.class);
        assertThatThrownBy(() -> start(impossible).close())
                .hasStackTraceContaining(WorkspaceNotWritableException.class.getName())
                .hasStackTraceContaining(impossible.toString());
    }

    private ConfigurableApplicationContext start(Path folder) {
        return new SpringApplicationBuilder(PanelApplication.class).run("--server.port=0",
                "--panel.pipeline.workspace=" + folder, "--panel.tools.search-path=" + tools, "--spring.main.banner-mode=off");
    }
}
