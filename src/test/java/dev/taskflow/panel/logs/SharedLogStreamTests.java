package dev.taskflow.panel.logs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharedLogStreamTests {

    final SharedLogStream stream = new SharedLogStream(new SecretMasker(), 100, 80);

    @Test
    void aBrowserResumingFromALineStillHeldGetsExactlyTheLinesAfterIt() {
        publish(1, 50);

        List<LogLine> replay = stream.join(viewer(), stream.epoch() + "-30");

        assertThat(replay).extracting(LogLine::text).containsExactlyElementsOf(texts(31, 50));
    }

    @Test
    void aBrowserResumingFromALineNoLongerHeldIsToldHowManyItMissed() {
        publish(1, 250);

        List<LogLine> replay = stream.join(viewer(), stream.epoch() + "-10");

        assertThat(replay.getFirst().kind()).isEqualTo(LogLine.Kind.DROPPED);
        assertThat(replay.getFirst().text()).isEqualTo("140 lines dropped: no longer held for resuming");
        assertThat(replay.subList(1, replay.size())).extracting(LogLine::text).containsExactlyElementsOf(texts(151, 250));
    }

    @Test
    void aBrowserHoldingAnIdOfAnotherStreamIsToldToStartOver() {
        publish(1, 5);

        List<LogLine> replay = stream.join(viewer(), "someotherepoch-3");

        assertThat(replay.getFirst().kind()).isEqualTo(LogLine.Kind.RESET);
        assertThat(replay.subList(1, replay.size())).extracting(LogLine::text).containsExactlyElementsOf(texts(1, 5));
    }

    @Test
    void linesAreMaskedCutAndNumberedInOrder() {
        stream.publish(LogLine.Kind.LINE, "api-1", "backend", null, "DATABASE_URL=postgresql://app:hunter22@db/x");
        stream.publish(LogLine.Kind.LINE, "api-1", "backend", null, "x".repeat(200));

        List<LogLine> replay = stream.join(viewer(), null);

        assertThat(replay).extracting(LogLine::id).containsExactly(1L, 2L);
        assertThat(replay.get(0).text()).isEqualTo("DATABASE_URL=postgresql://app:••••@db/x");
        assertThat(replay.get(1).text()).isEqualTo("x".repeat(80) + " …(cut)");
    }

    private ViewerDelivery viewer() {
        return new ViewerDelivery(new ViewerDeliveryTests.BlockingSink(), 10, Duration.ofMinutes(1), new AtomicInteger());
    }

    private void publish(int from, int to) {
        texts(from, to).forEach(text -> stream.publish(LogLine.Kind.LINE, "api-1", "backend", null, text));
    }

    private static List<String> texts(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList();
    }
}
