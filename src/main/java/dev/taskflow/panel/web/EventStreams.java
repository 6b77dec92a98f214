package dev.taskflow.panel.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The one registry of open server-sent event streams. A stream is dropped on completion, timeout and error, and
 * runs its close actions then (so whatever feeds it stops); every stream is ended when the panel shuts down, so a
 * graceful shutdown does not wait on browsers.
 */
@Component
public class EventStreams {

    /** The event name the pages' live script swaps by element id. */
    public static final String SWAP = "swap";

    /** The event name after which the pages' live script closes the stream instead of reconnecting. */
    public static final String END = "end";

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final Set<Stream> open = ConcurrentHashMap.newKeySet();

    public Stream open() {
        Stream stream = new Stream(new SseEmitter(TIMEOUT.toMillis()));
        open.add(stream);
        return stream;
    }

    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        open.forEach(Stream::complete);
        open.clear();
    }

    /** One browser's stream. */
    public final class Stream {

        private final SseEmitter emitter;

        private final List<Runnable> onClose = new CopyOnWriteArrayList<>();

        private Stream(SseEmitter emitter) {
            this.emitter = emitter;
            emitter.onCompletion(this::closed);
            emitter.onTimeout(this::closed);
            emitter.onError(error -> closed());
        }

        public SseEmitter emitter() {
            return emitter;
        }

        /** Runs when the browser goes away or the stream ends, whichever comes first. */
        public void onClose(Runnable action) {
            onClose.add(action);
        }

        /** Sends an HTML fragment; newlines are folded since HTML does not need them and SSE data lines would split. */
        public void html(long id, String name, String html) {
            send(SseEmitter.event().id(String.valueOf(id)).name(name).data(html.replace('\r', ' ').replace('\n', ' ')));
        }

        public void json(long id, String name, Object data) {
            send(SseEmitter.event().id(String.valueOf(id)).name(name).data(data, MediaType.APPLICATION_JSON));
        }

        public void complete() {
            emitter.complete();
            closed();
        }

        private void send(SseEmitter.SseEventBuilder event) {
            try {
                emitter.send(event);
            }
            catch (IOException ex) {
                closed();
                throw new UncheckedIOException(ex);
            }
        }

        private void closed() {
            if (open.remove(this)) {
                onClose.forEach(Runnable::run);
            }
        }
    }

    /** The id a reconnecting browser last saw, from its {@code Last-Event-ID} header; 0 when absent or garbled. */
    public static long lastSeen(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(lastEventId.strip());
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }
}
