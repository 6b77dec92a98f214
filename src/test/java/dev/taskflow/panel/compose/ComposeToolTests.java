package dev.taskflow.panel.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.ToolsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Which compose is used, with stand-in programs on the search path that answer as the real ones do. */
class ComposeToolTests {

    @TempDir
    Path tools;

    @Test
    void thePluginIsPreferredWhenDockerComposeVersionAnswers() throws Exception {
        program("docker", """
                if [ "$1 $2" = "compose version" ]; then echo "Docker Compose version v2.29.1"; exit 0; fi
                exit 1
                """);
        program("docker-compose", "echo 'docker-compose version 1.29.2, build unknown'");

        ComposeTool tool = ComposeTool.detect(runner());

        assertThat(tool).isEqualTo(new ComposeTool("docker", List.of("compose"), "2.29.1"));
        assertThat(tool.describe()).isEqualTo("docker compose 2.29.1");
    }

    @Test
    void theStandaloneToolIsUsedWhenDockerHasNoComposePlugin() throws Exception {
        program("docker", """
                echo "docker: unknown command: docker compose" >&2
                exit 1
                """);
        program("docker-compose", """
                echo "docker-compose version 1.29.2, build unknown"
                echo "docker-py version: 5.0.3"
                """);

        ComposeTool tool = ComposeTool.detect(runner());

        assertThat(tool).isEqualTo(new ComposeTool("docker-compose", List.of(), "1.29.2"));
        assertThat(tool.describe()).isEqualTo("docker-compose 1.29.2");
    }

    @Test
    void withNeitherTheMessageSaysHowToInstallOne() {
        assertThatThrownBy(() -> ComposeTool.detect(runner())).asInstanceOf(type(ComposeException.class))
                .satisfies(ex -> {
                    assertThat(ex.reason()).isEqualTo(ComposeException.Reason.NO_TOOL);
                    assertThat(ex.getMessage()).contains(tools.toString(), "apt-get install docker-compose-plugin",
                            "apt-get install docker-compose");
                });
    }

    private ProcessRunner runner() {
        return new ProcessRunner(new ToolsProperties(tools.toString(), Duration.ofSeconds(10), 40));
    }

    private void program(String name, String body) throws IOException {
        Path program = Files.writeString(tools.resolve(name), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
