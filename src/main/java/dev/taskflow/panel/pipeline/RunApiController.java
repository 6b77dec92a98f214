package dev.taskflow.panel.pipeline;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Start, follow and cancel runs. */
@RestController
@RequestMapping("/api/runs")
@Tag(name = "Runs", description = "Run a task, a phase or a whole plan; follow it live; cancel it")
class RunApiController {

    private final RunService runs;

    private final RunEventStreams streams;

    RunApiController(RunService runs, RunEventStreams streams) {
        this.runs = runs;
        this.streams = streams;
    }

    @PostMapping
    @Operation(summary = "Start a run: {\"plan\":\"taskflow\",\"phase\":\"phase-1\"} or {\"plan\":\"taskflow\",\"tasks\":[\"T007\"]}")
    ResponseEntity<RunRecord> start(@RequestBody RunRequest request) {
        RunRecord run = runs.start(request);
        return ResponseEntity.accepted().location(URI.create("/api/runs/" + run.id())).body(run);
    }

    @GetMapping
    @Operation(summary = "Every run, newest first; ?plan= narrows to one plan")
    List<RunRecord> list(@RequestParam(required = false) String plan) {
        return plan == null ? runs.runs() : runs.runs(plan);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One run: per-task status, duration, summary and evidence")
    RunRecord run(@PathVariable String id) {
        return runs.run(id);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The run's events as server-sent events (JSON data); resumes after Last-Event-ID")
    SseEmitter events(@PathVariable String id,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return streams.json(id, lastEventId);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a queued or running run")
    RunRecord cancel(@PathVariable String id) {
        return runs.cancel(id);
    }
}
