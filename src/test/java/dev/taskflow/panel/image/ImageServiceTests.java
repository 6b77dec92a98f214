package dev.taskflow.panel.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;

import dev.taskflow.panel.image.ImageBuildException.Reason;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.support.LocalBaseImage;
import dev.taskflow.panel.support.SecretMasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The image service on the real engine: build with labels, report, history scan, non-root, smoke run, bad input. */
class ImageServiceTests extends ImageEngineFixture {

    @Test
    void aBuildIsTaggedWithVersionAndLatestAndLabelledWithTheSourceCommit() throws Exception {
        List<BuildProgress> events = new ArrayList<>();

        BuiltImage built = images.build("clean", "backend", events::add, () -> false);

        String head;
        try (Git git = Git.open(ROOT.resolve("app").toFile())) {
            head = git.getRepository().resolve("HEAD").name();
        }
        ImageReport report = images.requireReport("clean", "backend");
        assertThat(built.tags()).containsExactly(RUN + "-clean-backend:1.0.0", RUN + "-clean-backend:latest");
        // other tests may have added a registry tag to the same image
        assertThat(report.tags()).containsAll(built.tags());
        assertThat(report.labels()).containsEntry(ImageService.REVISION_LABEL, head)
                .containsEntry("dev.taskflow.panel.plan", "clean")
                .containsKey(ImageService.SOURCE_LABEL);
        assertThat(events).anyMatch(event -> event.line().startsWith("Step 1/"));
        assertThat(images.lastBuild("clean", "backend")).hasValueSatisfying(record -> {
            assertThat(record.status()).isEqualTo(BuildRecord.Status.SUCCEEDED);
            assertThat(record.imageId()).isEqualTo(built.imageId());
        });
    }

    @Test
    void theReportShowsSizeAgainstBudgetLayersUserAndPorts() {
        images.build("clean", "backend", event -> { }, () -> false);

        ImageReport report = images.requireReport("clean", "backend");

        assertThat(report.sizeBytes()).isPositive();
        assertThat(report.budgetMb()).isEqualTo(500);
        assertThat(report.withinBudget()).isTrue();
        assertThat(report.user()).isEqualTo("10001:10001");
        assertThat(report.nonRoot()).isTrue();
        assertThat(report.exposedPorts()).containsExactly("8000/tcp");
        assertThat(report.exposeMatches()).isTrue();
        assertThat(report.layers()).anyMatch(layer -> layer.createdBy().contains("COPY") && layer.sizeBytes() > 0);
    }

    @Test
    void anImageWithoutUserRunsAsRoot() {
        images.build("root", "backend", event -> { }, () -> false);

        assertThat(images.requireReport("root", "backend").nonRoot()).isFalse();
        assertThat(ImageService.isNonRoot("0:0")).isFalse();
        assertThat(ImageService.isNonRoot("root")).isFalse();
        assertThat(ImageService.isNonRoot("node")).isTrue();
    }

    @Test
    void theHistoryScanCatchesASecretInEnvAndShowsOnlyItsFingerprint() {
        images.build("leaky", "backend", event -> { }, () -> false);

        HistoryScan scan = images.scanHistory("leaky", "backend");

        assertThat(scan.clean()).isFalse();
        assertThat(scan.findings()).extracting(HistoryScan.Finding::key).contains("OPENAI_API_KEY");
        assertThat(scan.findings()).extracting(HistoryScan.Finding::fingerprint)
                .contains(SecretMasker.fingerprint(PLANTED_KEY));
        assertThat(scan.toString()).doesNotContain(PLANTED_KEY);
        assertThat(images.requireReport("leaky", "backend").layers()).noneMatch(layer -> layer.createdBy()
                .contains(PLANTED_KEY));
    }

    @Test
    void theHistoryScanCatchesASecretsEnvValueInARunLine() {
        LocalBaseImage.python();
        images.build("leaky", "frontend", event -> { }, () -> false);

        HistoryScan scan = images.scanHistory("leaky", "frontend");

        assertThat(scan.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.key()).isEqualTo("BETTER_AUTH_SECRET");
            assertThat(finding.where()).contains("RUN");
            assertThat(finding.fingerprint()).isEqualTo(SecretMasker.fingerprint(AUTH_SECRET));
        });
        assertThat(scan.toString()).doesNotContain(AUTH_SECRET);
    }

    @Test
    void theHistoryScanPassesACleanImage() {
        images.build("clean", "backend", event -> { }, () -> false);

        assertThat(images.scanHistory("clean", "backend").clean()).isTrue();
    }

    @Test
    void aSmokeRunGetsTheHealthPathAndRemovesTheContainer() throws Exception {
        LocalBaseImage.python();
        images.build("smoke", "backend", event -> { }, () -> false);
        List<String> progress = new ArrayList<>();

        SmokeResult result = images.smoke("smoke", "backend", () -> false, progress::add);

        assertThat(result.passed()).as(result.problem() + "\n" + result.logs()).isTrue();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("\"status\":\"ok\"");
        assertThat(progress).anyMatch(line -> line.startsWith("Stopped and removed container"));
        assertThat(LocalBaseImage.run(java.time.Duration.ofSeconds(20), "docker", "ps", "-aq", "--filter",
                "label=dev.taskflow.panel.smoke").output().strip()).isEmpty();
    }

    @Test
    void aSmokeRunOfAContainerThatNeverAnswersFailsAndStillRemovesIt() throws Exception {
        images.build("root", "backend", event -> { }, () -> false);

        // a scratch image has no program to run, so the container cannot start
        assertThatThrownBy(() -> images.smoke("root", "backend", () -> false, line -> { }))
                .isInstanceOf(ImageEngineException.class).hasMessageContaining("docker info");
        assertThat(LocalBaseImage.run(java.time.Duration.ofSeconds(20), "docker", "ps", "-aq", "--filter",
                "label=dev.taskflow.panel.smoke").output().strip()).isEmpty();
    }

    @Test
    void aContextOutsideTheAllowedRootsIsRefusedAndRecordedAsFailed() {
        assertThatThrownBy(() -> images.build("outside", "backend", event -> { }, () -> false))
                .isInstanceOfSatisfying(ImageBuildException.class, ex -> {
                    assertThat(ex.reason()).isEqualTo(Reason.CONTEXT_NOT_ALLOWED);
                    assertThat(ex.getMessage()).contains(ROOT.resolve("outside").toString())
                            .contains("panel.images.allowed-roots");
                });
        assertThat(images.lastBuild("outside", "backend")).hasValueSatisfying(record -> {
            assertThat(record.status()).isEqualTo(BuildRecord.Status.FAILED);
            assertThat(record.reason()).isEqualTo(Reason.CONTEXT_NOT_ALLOWED);
        });
    }

    @Test
    void aMissingDockerfileAndAnInvalidTagEndTheBuildWithTheirFix() {
        assertThatThrownBy(() -> images.build("missing", "backend", event -> { }, () -> false))
                .isInstanceOfSatisfying(ImageBuildException.class, ex -> assertThat(ex.reason())
                        .isEqualTo(Reason.NO_DOCKERFILE));
        assertThatThrownBy(() -> images.build("badtag", "backend", event -> { }, () -> false))
                .isInstanceOfSatisfying(ImageBuildException.class, ex -> {
                    assertThat(ex.reason()).isEqualTo(Reason.INVALID_TAG);
                    assertThat(ex.getMessage()).contains(":Not A Tag!' is not a valid image reference");
                });
    }

    @Test
    void buildingOnMinikubesEngineTakesItsAddressFromMinikubeDockerEnv() throws Exception {
        Path tools = java.nio.file.Files.createDirectories(ROOT.resolve("docker-env-tools"));
        Path minikube = java.nio.file.Files.writeString(tools.resolve("minikube"), """
                #!/bin/sh
                [ "$*" = "docker-env --shell none" ] || exit 2
                echo DOCKER_TLS_VERIFY=1
                echo DOCKER_HOST=tcp://192.168.49.2:2376
                echo DOCKER_CERT_PATH=/root/.minikube/certs
                echo MINIKUBE_ACTIVE_DOCKERD=minikube
                """);
        java.nio.file.Files.setPosixFilePermissions(minikube,
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        ImageProperties properties = new ImageProperties(ROOT.resolve("app"), ROOT.resolve("repo"), null, null, null,
                true, ImageProperties.Delivery.AUTO, new ImageProperties.Registry(null, null, null),
                java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1));
        ImageService onMinikube = new ImageService(properties, null, null, new SecretMasker(),
                new dev.taskflow.panel.support.ProcessRunner(new dev.taskflow.panel.support.ToolsProperties(
                        tools.toString(), java.time.Duration.ofSeconds(10), 40)));

        assertThat(onMinikube.engine()).isEqualTo(new EngineAddress("tcp://192.168.49.2:2376", true,
                "/root/.minikube/certs"));
    }

    @Test
    void onlyBackendAndFrontendAreComponents() {
        assertThatThrownBy(() -> images.component("clean", "database")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("backend or frontend");
    }

    @Test
    void theSeedsNamesAndBudgetsAreTheDefaults() {
        ImageProperties defaults = new ImageProperties(Path.of("/work/app"), Path.of("/work/repo"), null, null, null,
                false, ImageProperties.Delivery.AUTO, new ImageProperties.Registry(null, null, null),
                java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1));

        assertThat(defaults.component("taskflow", "backend").tags())
                .containsExactly("taskflow-backend:1.0.0", "taskflow-backend:latest");
        assertThat(defaults.component("todo-app", "frontend").tags()).containsExactly("todo-frontend:latest");
        assertThat(defaults.component("habit-tracker", "backend").reference()).isEqualTo("habit-tracker-backend:v1.0.0");
        assertThat(defaults.component("taskflow", "backend").maxMb()).isEqualTo(500);
        assertThat(defaults.component("taskflow", "frontend").maxMb()).isEqualTo(300);
        assertThat(defaults.component("taskflow", "frontend").port()).isEqualTo(3000);
        assertThat(defaults.component("taskflow", "backend").healthPath()).isEqualTo("/health");
        assertThat(defaults.component("taskflow", "backend").context()).isEqualTo(Path.of("/work/app/backend"));
        assertThat(defaults.component("taskflow", "backend").dockerfile())
                .isEqualTo(Path.of("/work/repo/dockerfiles/backend.Dockerfile"));
        assertThat(defaults.allowedRoots()).containsExactly(Path.of("/work/app"), Path.of("/work/repo"));
    }
}
