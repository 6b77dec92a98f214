package dev.taskflow.panel.compose;

import java.util.List;
import java.util.Map;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The Compose page: the stack's services with their state and health, Up and Down with their output live, and each
 * service's last log lines.
 */
@Controller
class ComposePageController {

    /** Bootstrap colours for a service's condition. */
    static final Map<String, String> CONDITION_CSS = Map.of("healthy", "text-bg-success", "running", "text-bg-info",
            "starting", "text-bg-warning", "unhealthy", "text-bg-danger", "exited", "text-bg-danger", "dead",
            "text-bg-danger", "restarting", "text-bg-warning", "created", "text-bg-secondary", "failing",
            "text-bg-danger", "down", "text-bg-secondary");

    private static final String FRAGMENTS = ComposeEventStreams.FRAGMENTS;

    private final ComposeStack stack;

    private final ComposeOperations operations;

    private final ComposeEventStreams streams;

    ComposePageController(ComposeStack stack, ComposeOperations operations, ComposeEventStreams streams) {
        this.stack = stack;
        this.operations = operations;
        this.streams = streams;
    }

    @GetMapping("/compose")
    String page(Model model) {
        services(model);
        model.addAttribute("file", stack.file().toString());
        model.addAttribute("project", stack.project());
        model.addAttribute("envFile", stack.envFile().map(Object::toString).orElse(null));
        model.addAttribute("properties", stack.properties());
        try {
            model.addAttribute("tool", stack.tool());
        }
        catch (ComposeException ex) {
            model.addAttribute("toolProblem", ex.getMessage());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            model.addAttribute("toolProblem", "Interrupted while looking for compose.");
        }
        operations.latest().ifPresent(operation -> model.addAttribute("operation", operation));
        return "compose/compose";
    }

    @HxRequest
    @GetMapping("/compose/services")
    String servicesFragment(Model model) {
        services(model);
        return FRAGMENTS + " :: services";
    }

    @PostMapping("/compose/up")
    String up(@RequestParam(defaultValue = "false") boolean build, Model model) {
        model.addAttribute("operation", operations.up(build));
        return FRAGMENTS + " :: operation-card";
    }

    @PostMapping("/compose/down")
    String down(@RequestParam(defaultValue = "false") boolean volumes, Model model) {
        model.addAttribute("operation", operations.down(volumes));
        return FRAGMENTS + " :: operation-card";
    }

    @GetMapping(path = "/compose/operations/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream(@PathVariable String id, @RequestHeader(name = "Last-Event-ID", required = false) String last) {
        return streams.html(id, last);
    }

    @HxRequest
    @GetMapping("/compose/services/{service}/logs")
    String logs(@PathVariable String service, @RequestParam(defaultValue = "100") int tail, Model model) {
        model.addAttribute("service", service);
        model.addAttribute("tail", tail);
        model.addAttribute("lines", stack.logs(service, tail));
        return FRAGMENTS + " :: logs";
    }

    private void services(Model model) {
        model.addAttribute("conditionCss", CONDITION_CSS);
        try {
            model.addAttribute("status", stack.status());
        }
        catch (ComposeException ex) {
            model.addAttribute("status", new ComposeStatus(stack.project(), stack.file().toString(), List.of(), false));
            model.addAttribute("statusProblem", ex.getMessage());
        }
    }
}
