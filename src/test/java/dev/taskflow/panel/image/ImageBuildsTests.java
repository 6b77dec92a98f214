package dev.taskflow.panel.image;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.taskflow.panel.pipeline.ConflictException;
import dev.taskflow.panel.support.LocalBaseImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Background builds for the page and the API: events replayed after Last-Event-ID, one build at a time, cancel. */
class ImageBuildsTests extends ImageEngineFixture {

    @Autowired
    ImageBuilds builds;

    @Test
    void aFollowerGetsEveryEventOnceThenTheBuildRecord() {
        ImageBuilds.LiveBuild build = builds.start("clean", "backend");
        await().atMost(Duration.ofSeconds(60)).until(build::finished);
        List<ImageBuilds.Event> replayed = new CopyOnWriteArrayList<>();
        AtomicReference<BuildRecord> end = new AtomicReference<>();

        build.follow(1, replayed::add, end::set);

        assertThat(replayed).extracting(ImageBuilds.Event::id).first().isEqualTo(2L);
        assertThat(replayed).extracting(ImageBuilds.Event::id).doesNotHaveDuplicates().isSorted();
        assertThat(end.get().status()).isEqualTo(BuildRecord.Status.SUCCEEDED);
    }

    @Test
    void aSecondBuildWhileOneRunsIsAConflictAndCancelStopsTheFirst() {
        LocalBaseImage.python();
        ImageBuilds.LiveBuild build = builds.start("slow", "backend");
        // ARG before FROM is step 1, so the RUN is step 3; the engine adds the panel's labels as steps after it
        await().atMost(Duration.ofSeconds(30)).until(() -> build.latest().line().contains("Running in"));

        assertThatThrownBy(() -> builds.start("slow", "backend")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("running already");
        assertThat(builds.cancel("slow", "backend")).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(build::finished);
        assertThat(build.result().status()).isEqualTo(BuildRecord.Status.CANCELLED);
        assertThat(build.result().log()).anyMatch(line -> line.startsWith("Step 3/8 : RUN sleep 45"));
        assertThat(builds.cancel("slow", "backend")).isFalse();
    }
}
