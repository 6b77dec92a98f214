package dev.taskflow.panel.logs;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One event of a log stream: a line of a pod's log, or a line the panel adds to say what happened to the stream.
 *
 * @param id        the event id a browser resumes from; 0 for events meant for one browser only
 * @param kind      what the event is
 * @param pod       the pod the line came from (empty for stream-wide notes)
 * @param container the container the line came from
 * @param time      when the container wrote the line, by the kubelet's clock
 * @param text      the line, with secrets masked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogLine(long id, Kind kind, String pod, String container, Instant time, String text) {

    /** What an event is; its SSE event name is the lower-case name. */
    public enum Kind {
        /** A line the container wrote. */
        LINE,
        /** The stream changed: a pod attached or detached, a container restarted, a cut stream reconnects. */
        MARKER,
        /** Something failed; the text says what and what to do. */
        ERROR,
        /** This browser fell behind and the text says how many lines it missed. */
        DROPPED,
        /** The browser must forget what it shows: the stream it resumed is gone and starts over. */
        RESET,
        /** Nothing more will come (the log was read to its end, or the pod is gone). */
        END;

        public String eventName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static LogLine note(Kind kind, String pod, String container, String text) {
        return new LogLine(0, kind, pod, container, null, text);
    }
}
