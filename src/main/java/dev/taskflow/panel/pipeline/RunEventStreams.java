package dev.taskflow.panel.pipeline;

import java.util.function.Consumer;
import java.util.function.Function;

import dev.taskflow.panel.web.EventStreams;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Run events as server-sent event streams: JSON for the API, HTML fragments for the pages. Each stream starts after
 * the browser's {@code Last-Event-ID}, so a reconnect brings no duplicates, and ends itself after the run's last event.
 */
@Component
class RunEventStreams {

    private final RunService runs;

    private final EventStreams streams;

    RunEventStreams(RunService runs, EventStreams streams) {
        this.runs = runs;
        this.streams = streams;
    }

    /** Events as JSON, named by type: run, task, progress, checkpoint, end. */
    SseEmitter json(String runId, String lastEventId) {
        return stream(runId, lastEventId, (stream, event) -> stream.json(event.sequence(), event.type(), event));
    }

    /** Events as HTML fragments for the pages: each swaps the element with the same id. */
    SseEmitter html(String runId, String lastEventId, Function<RunEvent, String> render) {
        return stream(runId, lastEventId, (stream, event) -> stream.html(event.sequence(),
                event instanceof RunEvent.RunEnded ? EventStreams.END : EventStreams.SWAP, render.apply(event)));
    }

    private SseEmitter stream(String runId, String lastEventId,
            java.util.function.BiConsumer<EventStreams.Stream, RunEvent> sender) {
        runs.run(runId);
        EventStreams.Stream stream = streams.open();
        Consumer<RunEvent> viewer = event -> {
            sender.accept(stream, event);
            if (event instanceof RunEvent.RunEnded) {
                stream.complete();
            }
        };
        RunService.Following following = runs.follow(runId, EventStreams.lastSeen(lastEventId), viewer);
        stream.onClose(following::close);
        if (following.ended()) {
            stream.complete();
        }
        return stream.emitter();
    }
}
