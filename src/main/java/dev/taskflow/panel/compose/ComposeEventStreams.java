package dev.taskflow.panel.compose;

import java.util.Map;

import dev.taskflow.panel.web.EventStreams;
import dev.taskflow.panel.web.FragmentRenderer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * An up or down as server-sent events for the Compose page: each output line as it comes (event id = line number,
 * so a reconnecting browser resumes after the last line it has), then the finished operation's header.
 */
@Component
class ComposeEventStreams {

    static final String FRAGMENTS = "compose/fragments";

    private final ComposeOperations operations;

    private final EventStreams streams;

    private final FragmentRenderer fragments;

    ComposeEventStreams(ComposeOperations operations, EventStreams streams, FragmentRenderer fragments) {
        this.operations = operations;
        this.streams = streams;
        this.fragments = fragments;
    }

    SseEmitter html(String id, String lastEventId) {
        operations.operation(id);
        EventStreams.Stream stream = streams.open();
        Runnable stop = operations.follow(id, EventStreams.lastSeen(lastEventId),
                (sequence, line) -> stream.html(sequence, EventStreams.SWAP, fragments.render(FRAGMENTS,
                        "operation-line", Map.of("operationId", id, "line", line))),
                finished -> {
                    stream.html(finished.lines().size() + 1L, EventStreams.END, fragments.render(FRAGMENTS,
                            "operation-header", Map.of("operation", finished)));
                    stream.complete();
                });
        stream.onClose(stop);
        return stream.emitter();
    }
}
