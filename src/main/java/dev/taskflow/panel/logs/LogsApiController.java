package dev.taskflow.panel.logs;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.web.EventStreams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pod logs as server-sent events: events {@code line}, {@code marker}, {@code error}, {@code dropped},
 * {@code reset} and {@code end}, each with JSON data; shared events carry ids, so a browser that reconnects with
 * {@code Last-Event-ID} resumes without duplicates. A request that cannot be served fails before the stream starts
 * with a problem detail: 404 for an unknown pod, container, component or namespace, 503 without a cluster.
 */
@RestController
@RequestMapping("/api/logs")
class LogsApiController {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private final LogStreams logs;

    private final EventStreams streams;

    private final JsonMapper json = JsonMapper.builder().build();

    LogsApiController(LogStreams logs, EventStreams streams) {
        this.logs = logs;
        this.streams = streams;
    }

    @GetMapping("/pods/{pod}")
    SseEmitter pod(@PathVariable String pod, @RequestParam(required = false) String container,
            @RequestParam(defaultValue = "true") boolean follow, @RequestParam(required = false) Integer tail,
            @RequestParam(required = false) Integer sinceSeconds, @RequestParam(defaultValue = "false") boolean previous,
            @RequestParam(defaultValue = "false") boolean initContainers,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        checkName("pod", pod);
        checkName("container", container);
        checkLimits(tail, sinceSeconds);
        return stream(LogRequest.ofPod(pod, container, follow, tail, sinceSeconds, previous, initContainers),
                lastEventId);
    }

    @GetMapping("/components/{component}")
    SseEmitter component(@PathVariable String component, @RequestParam(defaultValue = "taskflow") String plan,
            @RequestParam(required = false) String container, @RequestParam(defaultValue = "true") boolean follow,
            @RequestParam(required = false) Integer tail, @RequestParam(required = false) Integer sinceSeconds,
            @RequestParam(defaultValue = "false") boolean previous,
            @RequestParam(defaultValue = "false") boolean initContainers,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        checkName("container", container);
        checkLimits(tail, sinceSeconds);
        return stream(LogRequest.ofComponent(plan, component, container, follow, tail, sinceSeconds, previous,
                initContainers), lastEventId);
    }

    /** The pod's containers; the viewer asks this first, so a wrong pod shows its reason rather than a dead stream. */
    @GetMapping("/pods/{pod}/containers")
    PodContainers containers(@PathVariable String pod) {
        checkName("pod", pod);
        return logs.containers(pod);
    }

    @GetMapping("/components/{component}/pods")
    ComponentPods componentPods(@PathVariable String component, @RequestParam(defaultValue = "taskflow") String plan) {
        Map<String, String> labels = logs.labels(plan, component);
        return new ComponentPods(plan, component, labels, logs.componentPods(plan, component));
    }

    @GetMapping("/stats")
    LogStreamStats stats() {
        return logs.stats();
    }

    private SseEmitter stream(LogRequest request, String lastEventId) {
        EventStreams.Stream stream = streams.open();
        LogStreams.Viewing viewing;
        try {
            viewing = logs.open(request, lastEventId, epoch -> new SseLogSink(stream, json, epoch));
        }
        catch (RuntimeException ex) {
            stream.complete();
            throw ex;
        }
        stream.onClose(viewing::close);
        return stream.emitter();
    }

    private static void checkName(String what, String value) {
        if (value != null && !value.isBlank() && !NAME.matcher(value).matches()) {
            throw new InvalidRequestException("'" + value + "' is not a " + what + " name: use lower-case letters, "
                    + "digits, '-' and '.', starting and ending with a letter or digit.");
        }
    }

    private static void checkLimits(Integer tail, Integer sinceSeconds) {
        if (tail != null && tail < 0) {
            throw new InvalidRequestException("tail must be 0 or more lines, not " + tail + ".");
        }
        if (sinceSeconds != null && sinceSeconds <= 0) {
            throw new InvalidRequestException("sinceSeconds must be a positive number of seconds, not "
                    + sinceSeconds + ".");
        }
    }

    /**
     * The pods of a component right now.
     *
     * @param plan      the plan whose app label was used
     * @param component the component
     * @param labels    the labels that select its pods
     * @param pods      the pods' names
     */
    record ComponentPods(String plan, String component, Map<String, String> labels, List<String> pods) {
    }
}
