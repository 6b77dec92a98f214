package dev.taskflow.panel.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The files the plans' artifact tasks point at are in the repository, under exactly the names the plans use. */
class PlanArtifactsTests {

    private static final List<String> PLANS = List.of("taskflow", "todo-app", "habit-tracker");

    @Test
    void everyArtifactPathOfEveryPlanExists() throws IOException {
        Set<String> paths = new TreeSet<>();
        for (String plan : PLANS) {
            paths.addAll(artifactPaths(plan));
        }

        assertThat(paths).contains("helm/taskflow/Chart.yaml", "helm/taskflow/templates/tests/test-connection.yaml",
                "dockerfiles/backend.dockerignore", "docker-compose.yml");
        List<String> missing = paths.stream().filter(path -> !Files.exists(Path.of(path))).toList();
        assertThat(missing).as("artifact paths named by the plans but missing here").isEmpty();
    }

    private static List<String> artifactPaths(String plan) throws IOException {
        JsonNode root = new YAMLMapper().readTree(Files.readString(Path.of("src/main/resources/plans/" + plan
                + ".yaml")));
        List<String> paths = new ArrayList<>();
        for (JsonNode phase : root.path("phases")) {
            for (JsonNode task : phase.path("tasks")) {
                JsonNode satisfiedBy = task.path("satisfiedBy");
                if (satisfiedBy.path("kind").asString().equals("artifact")) {
                    paths.add(satisfiedBy.path("path").asString());
                    for (String listed : satisfiedBy.path("parameters").path("paths").asString("").split(",")) {
                        if (!listed.isBlank()) {
                            paths.add(listed.strip());
                        }
                    }
                }
            }
        }
        return paths;
    }
}
