package dev.taskflow.panel.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The one registry of open run event streams. Each stream starts after the browser's {@code Last-Event-ID}, so a
 * reconnect brings no duplicates; streams are dropped on completion, timeout and error; a stream ends itself after
 * the run's last event.
 */
@Component
class RunEventStreams {

    /** Event name the browser script listens for to close the stream instead of reconnecting. */
    static final String END_EVENT = "end";

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final RunService runs;

    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();

    RunEventStreams(RunService runs) {
        this.runs = runs;
    }

    /** Events as JSON, named by type: run, task, progress, checkpoint, end. */
    SseEmitter json(String runId, String lastEventId) {
        return stream(runId, lastEventId, (emitter, event) -> send(emitter, SseEmitter.event()
                .id(String.valueOf(event.sequence())).name(event.type()).data(event, MediaType.APPLICATION_JSON)));
    }

    /** Events as HTML fragments for the pages: each swaps the element with the same id. */
    SseEmitter html(String runId, String lastEventId, Function<RunEvent, String> render) {
        return stream(runId, lastEventId, (emitter, event) -> {
            String html = render.apply(event).replace('\r', ' ').replace('\n', ' ');
            String name = event instanceof RunEvent.RunEnded ? END_EVENT : "swap";
            send(emitter, SseEmitter.event().id(String.valueOf(event.sequence())).name(name).data(html));
        });
    }

    /** Ends every open stream when the panel shuts down, so a graceful shutdown does not wait on browsers. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        open.forEach(SseEmitter::complete);
        open.clear();
    }

    private SseEmitter stream(String runId, String lastEventId, java.util.function.BiConsumer<SseEmitter, RunEvent> sender) {
        runs.run(runId);
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        open.add(emitter);
        Consumer<RunEvent> viewer = event -> {
            sender.accept(emitter, event);
            if (event instanceof RunEvent.RunEnded) {
                emitter.complete();
            }
        };
        RunService.Following following;
        try {
            following = runs.follow(runId, parse(lastEventId), viewer);
        }
        catch (UncheckedIOException ex) {
            open.remove(emitter);
            emitter.completeWithError(ex);
            return emitter;
        }
        Runnable drop = () -> {
            following.close();
            open.remove(emitter);
        };
        emitter.onCompletion(drop);
        emitter.onTimeout(drop);
        emitter.onError(error -> drop.run());
        if (following.ended()) {
            emitter.complete();
            open.remove(emitter);
        }
        return emitter;
    }

    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static long parse(String lastEventId) {
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
