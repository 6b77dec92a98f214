package dev.taskflow.panel.logs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a server-sent event stream the way a browser does, one event at a time, for assertions. */
final class SseTestClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    /** One received event: its id (null when it had none), name and JSON data. */
    record Event(String id, String name, JsonNode data) {

        String text() {
            return data.path("text").asString();
        }

        String pod() {
            return data.path("pod").asString();
        }
    }

    /** An open stream; events arrive in {@link #events} as they come. */
    static final class Connection implements AutoCloseable {

        private final HttpResponse<Stream<String>> response;

        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        private final Thread reader;

        Connection(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.reader = Thread.ofVirtual().start(this::read);
        }

        int status() {
            return response.statusCode();
        }

        /** Waits for the next event that matches. */
        Event next(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("no matching event within " + timeout);
                }
                if (wanted.test(event)) {
                    return event;
                }
            }
        }

        /** Collects every event until (and with) the first that matches the last one wanted. */
        List<Event> until(Predicate<Event> last, Duration timeout) throws InterruptedException {
            List<Event> seen = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("stream stopped short after " + seen.size() + " events: " + seen);
                }
                seen.add(event);
                if (last.test(event)) {
                    return seen;
                }
            }
        }

        private void read() {
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            try (Stream<String> lines = response.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(id, name, JSON.readTree(data.toString())));
                        }
                        id = null;
                        name = "message";
                        data.setLength(0);
                    }
                    else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    }
                    else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    }
                    else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            }
            catch (RuntimeException ex) {
                // the connection was closed by the test or the server
            }
        }

        @Override
        public void close() {
            response.body().close();
            reader.interrupt();
        }
    }

    Connection open(String url, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new Connection(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    /** A plain GET, for the problem details a refused stream answers with. */
    HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        http.close();
    }
}
