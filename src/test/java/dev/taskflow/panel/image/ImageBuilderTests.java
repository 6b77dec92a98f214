package dev.taskflow.panel.image;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.taskflow.panel.image.ImageBuildException.Reason;
import dev.taskflow.panel.support.LocalBaseImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The docker-java adapter against the real engine: builds, progress, cache, cancel, and each fault's message. */
class ImageBuilderTests {

    static final Duration TIMEOUT = Duration.ofMinutes(2);

    static ImageBuilder builder;

    static String prefix = "panel-test-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path context;

    @BeforeAll
    static void engine() {
        LocalBaseImage.assumeDockerEngine();
        builder = new ImageBuilder(EngineAddress.DEFAULT);
    }

    @AfterAll
    static void removeImages() throws IOException {
        if (builder != null) {
            for (String name : List.of("scratch", "cached", "slow", "ignored")) {
                builder.remove(prefix + "-" + name + ":1.0.0");
                builder.remove(prefix + "-" + name + ":latest");
            }
            builder.close();
        }
    }

    @Test
    void buildTagsLabelsAndReportsEachStepAsItHappens() throws IOException {
        Files.writeString(context.resolve("hello.txt"), "hello");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\nLABEL stage=test\n");
        List<BuildProgress> events = new CopyOnWriteArrayList<>();

        BuiltImage built = builder.build(request(context, "scratch", Map.of("org.opencontainers.image.revision", "abc123")),
                events::add, () -> false, TIMEOUT);

        assertThat(built.imageId()).startsWith("sha256:");
        // the engine adds the requested labels as a last LABEL step
        assertThat(built.steps()).isEqualTo(4);
        InspectedImage image = builder.inspect(prefix + "-scratch:1.0.0").orElseThrow();
        assertThat(image.repoTags()).contains(prefix + "-scratch:1.0.0", prefix + "-scratch:latest");
        assertThat(image.labels()).containsEntry("org.opencontainers.image.revision", "abc123")
                .containsEntry("stage", "test");
        assertThat(events).extracting(BuildProgress::line).contains("Step 1/4 : FROM scratch",
                "Step 2/4 : COPY hello.txt /hello.txt");
        assertThat(events).extracting(BuildProgress::step).containsSubsequence(1, 2, 3, 4);
        assertThat(events.getLast().percent()).isEqualTo(100);
        assertThat(built.log()).anyMatch(line -> line.startsWith("Successfully built"));
    }

    @Test
    void aRebuildOfTheSameContextComesFromTheCache() throws IOException {
        Files.writeString(context.resolve("a.txt"), "a");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY a.txt /a.txt\nCOPY a.txt /b.txt\n");
        BuiltImage first = builder.build(request(context, "cached", Map.of()), event -> { }, () -> false, TIMEOUT);

        BuiltImage second = builder.build(request(context, "cached", Map.of()), event -> { }, () -> false, TIMEOUT);

        assertThat(second.imageId()).isEqualTo(first.imageId());
        assertThat(second.cached()).isEqualTo(2);
    }

    @Test
    void aDockerfileOutsideTheContextAndTheDockerignoreBesideItAreHonoured() throws IOException {
        Path dockerfiles = Files.createDirectories(context.resolve("dockerfiles"));
        Path app = Files.createDirectories(context.resolve("app"));
        Files.writeString(app.resolve("keep.txt"), "keep");
        Files.writeString(app.resolve("secrets.env"), "TOKEN=x");
        Files.writeString(dockerfiles.resolve("ignored.Dockerfile"), "FROM scratch\nCOPY . /app/\n");
        Files.writeString(dockerfiles.resolve("ignored.dockerignore"), "*.env\n");

        builder.build(new BuildRequest(app, dockerfiles.resolve("ignored.Dockerfile"),
                dockerfiles.resolve("ignored.dockerignore"), List.of(prefix + "-ignored:1.0.0"), Map.of(), Map.of()),
                event -> { }, () -> false, TIMEOUT);

        assertThat(builder.history(prefix + "-ignored:1.0.0")).isNotEmpty();
        assertThat(builder.inspect(prefix + "-ignored:1.0.0")).isPresent();
    }

    @Test
    void cancellingStopsABuildMidwayAndTagsNothing() throws IOException {
        String base = LocalBaseImage.python();
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nRUN sleep 60 && echo " + UUID.randomUUID()
                + "\nCOPY Dockerfile /\n");
        List<BuildProgress> events = new CopyOnWriteArrayList<>();
        AtomicBoolean cancel = new AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            await().atMost(Duration.ofSeconds(60)).until(() -> events.stream().anyMatch(event -> event.step() == 2));
            cancel.set(true);
        });
        long started = System.nanoTime();

        assertThatThrownBy(() -> builder.build(request(context, "slow", Map.of()), events::add, cancel::get, TIMEOUT))
                .isInstanceOfSatisfying(ImageBuildException.class, ex -> {
                    assertThat(ex.reason()).isEqualTo(Reason.CANCELLED);
                    assertThat(ex.getMessage()).contains("cancelled at step 2 of 3");
                    assertThat(ex.log()).contains("Step 2/3 : RUN sleep 60 && echo " + ex.log().get(2).substring(
                            "Step 2/3 : RUN sleep 60 && echo ".length()));
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(50));
        assertThat(builder.inspect(prefix + "-slow:1.0.0")).isEmpty();
    }

    @Test
    void aMissingDockerfileNamesThePathAndTheFix() {
        assertThatThrownBy(() -> builder.build(new BuildRequest(context, context.resolve("Dockerfile"), null,
                List.of(prefix + "-none:1.0.0"), Map.of(), Map.of()), event -> { }, () -> false, TIMEOUT))
                .isInstanceOfSatisfying(ImageBuildException.class, ex -> {
                    assertThat(ex.reason()).isEqualTo(Reason.NO_DOCKERFILE);
                    assertThat(ex.getMessage()).contains("There is no Dockerfile at " + context.resolve("Dockerfile"))
                            .contains("dockerfiles/backend.Dockerfile");
                });
    }

    @Test
    void aCopyOfAMissingFileNamesTheStepAndTheFix() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY requirements.txt /\n");

        assertThatThrownBy(() -> builder.build(request(context, "copy", Map.of()), event -> { }, () -> false, TIMEOUT))
                .isInstanceOfSatisfying(ImageBuildException.class, ex -> {
                    assertThat(ex.reason()).isEqualTo(Reason.MISSING_COPY_SOURCE);
                    assertThat(ex.getMessage()).contains("Step 2 (COPY requirements.txt /)")
                            .contains("add the file there").contains(".dockerignore");
                    assertThat(ex.log()).contains("Step 2/2 : COPY requirements.txt /");
                });
    }

    @Test
    void aBaseImageThatCannotBePulledSaysHowToGetOne() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "ARG BASE_IMAGE=registry.invalid/nothing/here:1\n"
                + "FROM ${BASE_IMAGE}\n");

        assertThatThrownBy(() -> builder.build(request(context, "pull", Map.of()), event -> { }, () -> false, TIMEOUT))
                .isInstanceOfSatisfying(ImageBuildException.class, ex -> {
                    assertThat(ex.reason()).isEqualTo(Reason.BASE_IMAGE_UNAVAILABLE);
                    assertThat(ex.getMessage()).contains("registry.invalid/nothing/here:1")
                            .contains("cannot be pulled").contains("BASE_IMAGE build argument");
                });
    }

    @Test
    void aFailingRunStepNamesTheStep() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM " + LocalBaseImage.python() + "\nRUN exit 3\n");

        assertThatThrownBy(() -> builder.build(request(context, "run", Map.of()), event -> { }, () -> false, TIMEOUT))
                .isInstanceOfSatisfying(ImageBuildException.class, ex -> {
                    assertThat(ex.reason()).isEqualTo(Reason.STEP_FAILED);
                    assertThat(ex.getMessage()).contains("Step 2 of 2 (RUN exit 3) failed").contains("code: 3");
                });
    }

    @Test
    void anInvalidTagIsRefusedBeforeAnythingIsSent() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");

        assertThatThrownBy(() -> builder.build(new BuildRequest(context, context.resolve("Dockerfile"), null,
                List.of("TaskFlow Backend:1.0"), Map.of(), Map.of()), event -> { }, () -> false, TIMEOUT))
                .isInstanceOfSatisfying(ImageBuildException.class, ex -> {
                    assertThat(ex.reason()).isEqualTo(Reason.INVALID_TAG);
                    assertThat(ex.getMessage()).contains("'TaskFlow Backend:1.0' is not a valid image reference")
                            .contains("taskflow-backend:1.0.0");
                });
    }

    @Test
    void referencesAreCheckedTheWayDockerChecksThem() {
        assertThat(ImageBuilder.validReference("taskflow-backend:1.0.0")).isTrue();
        assertThat(ImageBuilder.validReference("127.0.0.1:5000/todo-backend:latest")).isTrue();
        assertThat(ImageBuilder.validReference("taskflow-backend")).isFalse();
        assertThat(ImageBuilder.validReference("Taskflow:1.0")).isFalse();
        assertThat(ImageBuilder.validReference("taskflow:-bad")).isFalse();
    }

    @Test
    void anEngineThatIsNotRunningSaysHowToStartIt() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (ImageBuilder nowhere = new ImageBuilder(new EngineAddress("tcp://127.0.0.1:" + closedPort, false, null))) {
            assertThatThrownBy(() -> nowhere.build(request(context, "down", Map.of()), event -> { }, () -> false, TIMEOUT))
                    .isInstanceOfSatisfying(ImageBuildException.class, ex -> {
                        assertThat(ex.reason()).isEqualTo(Reason.ENGINE_NOT_RUNNING);
                        assertThat(ex.getMessage()).contains("does not answer at tcp://127.0.0.1:" + closedPort)
                                .contains("sudo dockerd").contains("DOCKER_HOST");
                    });
        }
    }

    @Test
    void anEngineDyingMidBuildEndsTheBuildWithTheLogSoFar() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        try (FakeEngine engine = new FakeEngine();
                ImageBuilder dying = new ImageBuilder(new EngineAddress(engine.host(), false, null))) {
            assertThatThrownBy(() -> dying.build(request(context, "dies", Map.of()), event -> { }, () -> false, TIMEOUT))
                    .isInstanceOfSatisfying(ImageBuildException.class, ex -> {
                        assertThat(ex.reason()).isEqualTo(Reason.ENGINE_LOST);
                        assertThat(ex.getMessage()).contains("broke during the build at step 1 of 3")
                                .contains("docker info");
                        assertThat(ex.log()).containsExactly("Step 1/3 : FROM scratch");
                    });
        }
    }

    private static BuildRequest request(Path context, String name, Map<String, String> labels) {
        return new BuildRequest(context, context.resolve("Dockerfile"), null,
                List.of(prefix + "-" + name + ":1.0.0", prefix + "-" + name + ":latest"), Map.of(), labels);
    }
}
