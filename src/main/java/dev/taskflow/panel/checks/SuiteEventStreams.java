package dev.taskflow.panel.checks;

import java.util.concurrent.atomic.AtomicLong;

import dev.taskflow.panel.web.EventStreams;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A suite report as server-sent events: each check as it finishes, then the finished report; JSON or page HTML. */
@Component
class SuiteEventStreams {

    private final SuiteRuns runs;

    private final EventStreams streams;

    private final SuiteHtml html;

    SuiteEventStreams(SuiteRuns runs, EventStreams streams, SuiteHtml html) {
        this.runs = runs;
        this.streams = streams;
        this.html = html;
    }

    /** Events named {@code check} with each result, then {@code end} with the report. */
    SseEmitter json(String reportId) {
        runs.report(reportId);
        EventStreams.Stream stream = streams.open();
        AtomicLong sequence = new AtomicLong();
        follow(reportId, stream, step -> stream.json(sequence.incrementAndGet(), "check", step),
                finished -> stream.json(sequence.incrementAndGet(), EventStreams.END, finished));
        return stream.emitter();
    }

    /** The Checks page's rows as they finish, then the report's header. */
    SseEmitter html(String reportId) {
        SuiteReport report = runs.report(reportId);
        EventStreams.Stream stream = streams.open();
        AtomicLong sequence = new AtomicLong();
        follow(reportId, stream, step -> stream.html(sequence.incrementAndGet(), EventStreams.SWAP,
                html.step(report, step)), finished -> stream.html(sequence.incrementAndGet(), EventStreams.END,
                        html.header(finished)));
        return stream.emitter();
    }

    private void follow(String reportId, EventStreams.Stream stream, java.util.function.Consumer<StepResult> onStep,
            java.util.function.Consumer<SuiteReport> onEnd) {
        Runnable stop = runs.follow(reportId, onStep, finished -> {
            onEnd.accept(finished);
            stream.complete();
        });
        stream.onClose(stop);
    }
}
