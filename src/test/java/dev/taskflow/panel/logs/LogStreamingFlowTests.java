package dev.taskflow.panel.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import dev.taskflow.panel.logs.SseTestClient.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Log streaming end to end: the panel on a random port reads pod logs from a mock API server and streams them over
 * its SSE endpoints, the way a browser receives them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "panel.logs.reconnect-initial=20ms", "panel.logs.reconnect-max=200ms", "panel.logs.heartbeat=100ms",
        "panel.logs.linger=300ms", "panel.logs.pod-gone-grace=300ms" })
@DirtiesContext
class LogStreamingFlowTests {

    private static final String NAMESPACE = "logs-flow";

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path folder;

    static LogsMockCluster cluster;

    @LocalServerPort
    int port;

    @Autowired
    LogStreams logStreams;

    final SseTestClient sse = new SseTestClient();

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        cluster = LogsMockCluster.startForPanel(NAMESPACE, folder, registry);
    }

    @AfterEach
    void closeClient() {
        sse.close();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void linesOfAPodArriveInOrderEachWithItsOwnIdAndNewLinesFollow() throws Exception {
        cluster.runPod("ordered-1", Map.of("app", "other"), "backend");
        cluster.append("ordered-1", "backend", numbered("line", 1, 40));

        try (SseTestClient.Connection stream = sse.open(url("/api/logs/pods/ordered-1?tail=100"), null)) {
            assertThat(stream.status()).isEqualTo(200);
            List<Event> first = lines(stream.until(event -> "line 40".equals(event.text()), WAIT));
            cluster.append("ordered-1", "backend", numbered("line", 41, 45));
            List<Event> later = lines(stream.until(event -> "line 45".equals(event.text()), WAIT));

            assertThat(first).extracting(Event::text).containsExactly(numbered("line", 1, 40));
            assertThat(later).extracting(Event::text).containsExactly(numbered("line", 41, 45));
            assertThat(first).allSatisfy(event -> assertThat(event.pod()).isEqualTo("ordered-1"));
            List<String> ids = IntStream.range(0, 45).mapToObj(i -> i < 40 ? first.get(i).id() : later.get(i - 40).id())
                    .toList();
            assertThat(new HashSet<>(ids)).hasSize(45);
            assertThat(ids).allSatisfy(id -> assertThat(id).matches("[0-9a-z]+-[0-9]+"));
        }
    }

    @Test
    void aComponentStreamMergesItsPodsAndLabelsEachLineWithItsPod() throws Exception {
        Map<String, String> frontend = Map.of("app", "todo", "component", "frontend");
        cluster.runPod("web-1", frontend, "frontend");
        cluster.runPod("web-2", frontend, "frontend");
        cluster.append("web-1", "frontend", numbered("web-1 says", 1, 20));
        cluster.append("web-2", "frontend", numbered("web-2 says", 1, 20));

        try (SseTestClient.Connection stream = sse.open(url("/api/logs/components/frontend?plan=todo-app"), null)) {
            Set<String> done = new HashSet<>();
            List<Event> events = stream.until(event -> event.text().endsWith("says 20") && !done.add(event.pod())
                    || done.size() == 2 && event.text().endsWith("says 20"), WAIT);
            List<Event> lines = lines(events);

            assertThat(lines).hasSize(40).allSatisfy(event -> assertThat(event.text()).startsWith(event.pod() + " says"));
            assertThat(lines).filteredOn(event -> event.pod().equals("web-1")).extracting(Event::text)
                    .containsExactly(numbered("web-1 says", 1, 20));
            assertThat(lines).filteredOn(event -> event.pod().equals("web-2")).extracting(Event::text)
                    .containsExactly(numbered("web-2 says", 1, 20));
            assertThat(lines).extracting(event -> event.data().path("container").asString()).containsOnly("frontend");
        }
    }

    @Test
    void aBrowserThatReconnectsWithTheLastEventIdItSawGetsEveryLaterLineOnce() throws Exception {
        cluster.runPod("resume-1", Map.of("app", "other"), "backend");
        cluster.append("resume-1", "backend", numbered("line", 1, 40));
        String path = url("/api/logs/pods/resume-1?tail=100");
        SseTestClient.Connection first = sse.open(path, null);
        List<Event> seen = first.until(event -> "line 20".equals(event.text()), WAIT);
        String lastId = seen.getLast().id();
        first.close();
        cluster.append("resume-1", "backend", numbered("line", 41, 50));

        try (SseTestClient.Connection resumed = sse.open(path, lastId)) {
            List<Event> rest = lines(resumed.until(event -> "line 50".equals(event.text()), WAIT));

            assertThat(lines(seen)).extracting(Event::text).containsExactly(numbered("line", 1, 20));
            assertThat(rest).extracting(Event::text).containsExactly(numbered("line", 21, 50));
        }
    }

    @Test
    void anIdFromAStreamThatNoLongerExistsMakesTheBrowserStartOver() throws Exception {
        cluster.runPod("stale-1", Map.of("app", "other"), "backend");
        cluster.append("stale-1", "backend", numbered("line", 1, 3));

        try (SseTestClient.Connection stream = sse.open(url("/api/logs/pods/stale-1"), "gone0-17")) {
            List<Event> events = stream.until(event -> "line 3".equals(event.text()), WAIT);

            assertThat(events.getFirst().name()).isEqualTo("reset");
            assertThat(lines(events)).extracting(Event::text).containsExactly(numbered("line", 1, 3));
        }
    }

    @Test
    void aComponentStreamMovesToTheReplacementPodAndSaysSo() throws Exception {
        Map<String, String> backend = Map.of("app", "habit-tracker", "component", "backend");
        cluster.runPod("api-a", backend, "backend");
        cluster.append("api-a", "backend", numbered("from a", 1, 3));

        try (SseTestClient.Connection stream = sse.open(url("/api/logs/components/backend?plan=habit-tracker"), null)) {
            stream.next(event -> "from a 3".equals(event.text()), WAIT);
            cluster.deletePod("api-a");
            cluster.runPod("api-b", backend, "backend");
            cluster.append("api-b", "backend", numbered("from b", 1, 3));
            List<Event> events = stream.until(event -> "from b 3".equals(event.text()), WAIT);

            // the pod watch ("detached") or the log reader ("is gone") may notice first; either tells the viewer
            assertThat(events).filteredOn(event -> event.name().equals("marker")).extracting(Event::text)
                    .anySatisfy(text -> assertThat(text).contains("api-a").containsAnyOf("detached", "is gone"))
                    .anySatisfy(text -> assertThat(text).isEqualTo("Attached to pod api-b (backend)"));
            assertThat(lines(events)).extracting(Event::pod, Event::text).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("api-b", "from b 1"),
                    org.assertj.core.groups.Tuple.tuple("api-b", "from b 2"),
                    org.assertj.core.groups.Tuple.tuple("api-b", "from b 3"));
        }
    }

    @Test
    void aLogStreamTheApiServerFailsIsReopenedWithBackoffAndTheViewerIsTold() throws Exception {
        cluster.runPod("cut-1", Map.of("app", "other"), "backend");
        cluster.append("cut-1", "backend", numbered("before", 1, 2));

        try (SseTestClient.Connection stream = sse.open(url("/api/logs/pods/cut-1"), null)) {
            // the mock ends every log response, so the outage may begin (and be announced) before the failures
            List<Event> events = new java.util.ArrayList<>(stream.until(event -> "before 2".equals(event.text()), WAIT));
            cluster.failNext("cut-1", 3);
            cluster.append("cut-1", "backend", "after 1");
            events.addAll(stream.until(event -> "after 1".equals(event.text()), WAIT));

            // the reopen after the failed attempts is what the viewer must be told; the "reconnecting" notice of the
            // outage may come from the mock ending a response before the injected failures, in either order
            assertThat(events).filteredOn(event -> event.name().equals("marker")).extracting(Event::text)
                    .anySatisfy(text -> assertThat(text).matches(
                            "Reconnected to the log of cut-1/backend after [1-9][0-9]* failed attempts?"));
            assertThat(lines(events)).extracting(Event::text).containsExactly("before 1", "before 2", "after 1");
        }
    }

    @Test
    void secretsInLogLinesAreMaskedBeforeTheyLeaveThePanel() throws Exception {
        cluster.runPod("masked-1", Map.of("app", "other"), "backend");
        cluster.append("masked-1", "backend", "connecting to postgresql://app:hunter2-s3cret@db.neon.tech/tasks",
                "Authorization: Bearer sk-live-0123456789abcdef");

        try (SseTestClient.Connection stream = sse.open(url("/api/logs/pods/masked-1"), null)) {
            List<Event> events = lines(stream.until(event -> event.text().startsWith("Authorization"), WAIT));

            assertThat(events).extracting(Event::text).containsExactly(
                    "connecting to postgresql://app:••••@db.neon.tech/tasks", "Authorization: Bearer ••••");
        }
    }

    @Test
    void unknownPodsContainersAndComponentsAreRefusedWithProblemDetails() throws Exception {
        cluster.runPod("known-1", Map.of("app", "other"), "backend");

        HttpResponse<String> pod = sse.get(url("/api/logs/pods/nobody-here"), "text/event-stream");
        HttpResponse<String> container = sse.get(url("/api/logs/pods/known-1?container=sidecar"), "text/event-stream");
        HttpResponse<String> component = sse.get(url("/api/logs/components/database"), "text/event-stream");
        HttpResponse<String> containers = sse.get(url("/api/logs/pods/nobody-here/containers"), "application/json");

        assertThat(pod.statusCode()).isEqualTo(404);
        assertThat(pod.body()).contains("There is no pod nobody-here in namespace " + NAMESPACE).contains("known-1");
        assertThat(container.statusCode()).isEqualTo(404);
        assertThat(container.body()).contains("Pod known-1 has no container sidecar: choose one of backend");
        assertThat(component.statusCode()).isEqualTo(404);
        assertThat(component.body()).contains("There is no component database: choose one of backend, frontend");
        assertThat(containers.statusCode()).isEqualTo(404);
        assertThat(containers.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aThousandViewersComingAndGoingLeaveNoThreadsAndNoOpenLogStreamsBehind() throws Exception {
        cluster.runPod("churn-1", Map.of("app", "other"), "backend");
        cluster.append("churn-1", "backend", numbered("line", 1, 20));
        IntStream.range(0, 50).forEach(this::connectAndLeave);
        await().atMost(WAIT).until(() -> logStreams.stats().idle());
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

        IntStream.range(0, 1000).forEach(this::connectAndLeave);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logStreams.stats())
                .isEqualTo(new LogStreamStats(0, 0, 0, 0)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(ManagementFactory.getThreadMXBean().getThreadCount())
                .isLessThanOrEqualTo(threadsBefore + 4));
    }

    /** One browser: connects (one of ten different tails, so streams are both shared and new), reads a line, leaves. */
    private void connectAndLeave(int round) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/logs/pods/churn-1?tail=" + (1 + round % 10) + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            while (!received.toString().contains("event:line")) {
                int next = in.read();
                if (next < 0 || received.length() > 300 && received.indexOf(" 200 ") < 0) {
                    throw new AssertionError("stream ended before a line: " + received);
                }
                received.append((char) next);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<Event> lines(List<Event> events) {
        return events.stream().filter(event -> event.name().equals("line")).toList();
    }

    private static String[] numbered(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + " " + i).toArray(String[]::new);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
