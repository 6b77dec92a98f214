package dev.taskflow.panel.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import dev.taskflow.panel.web.EventStreams;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a batch of log events to one browser's SSE stream in a single write: {@code id} (for lines every viewer
 * shares), {@code event} (the kind) and a one-line JSON {@code data}.
 */
final class SseLogSink implements ViewerDelivery.Sink {

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final EventStreams.Stream stream;

    private final JsonMapper json;

    private final String epoch;

    SseLogSink(EventStreams.Stream stream, JsonMapper json, String epoch) {
        this.stream = stream;
        this.json = json;
        this.epoch = epoch;
    }

    @Override
    public void send(List<LogLine> events) throws IOException {
        StringBuilder text = new StringBuilder(events.size() * 160);
        for (LogLine event : events) {
            if (event.id() > 0) {
                text.append("id:").append(epoch).append('-').append(event.id()).append('\n');
            }
            text.append("event:").append(event.kind().eventName()).append('\n');
            text.append("data:").append(json.writeValueAsString(event)).append("\n\n");
        }
        write(text.toString());
    }

    @Override
    public void heartbeat() throws IOException {
        write(":\n\n");
    }

    @Override
    public void complete() {
        stream.complete();
    }

    private void write(String text) throws IOException {
        try {
            stream.emitter().send(Set.of(new DataWithMediaType(text, TEXT)));
        }
        catch (IOException | RuntimeException ex) {
            stream.complete();
            throw ex instanceof IOException io ? io : new IOException(ex.getMessage(), ex);
        }
    }
}
