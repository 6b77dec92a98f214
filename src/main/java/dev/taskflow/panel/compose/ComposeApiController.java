package dev.taskflow.panel.compose;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The local compose stack: status, up (waiting until healthy), down and each service's logs; secrets hidden. */
@RestController
@RequestMapping("/api/compose")
@Tag(name = "Compose", description = "Bring the docker-compose stack up and down, see each service's state and "
        + "health, read its logs; a healthy stack is the 'compose' target for the end-to-end checks")
class ComposeApiController {

    private final ComposeStack stack;

    ComposeApiController(ComposeStack stack) {
        this.stack = stack;
    }

    /** A service's last log lines. */
    record ServiceLogs(String service, int tail, List<String> lines) {
    }

    @GetMapping
    @Operation(summary = "Each service's container, state, health, published ports and start time")
    ComposeStatus status() {
        return stack.status();
    }

    @PostMapping("/up")
    @Operation(summary = "compose up -d (with --build when build=true), then wait until every service is healthy; "
            + "409 with the cause and the fix when a service fails, a port is taken or time runs out")
    ComposeOperation up(@RequestParam(defaultValue = "false") boolean build) throws InterruptedException {
        return stack.up(build, line -> {
        });
    }

    @PostMapping("/down")
    @Operation(summary = "compose down (with -v when volumes=true); withdraws the 'compose' target")
    ComposeOperation down(@RequestParam(defaultValue = "false") boolean volumes) throws InterruptedException {
        return stack.down(volumes, line -> {
        });
    }

    @GetMapping("/services/{service}/logs")
    @Operation(summary = "A service's last log lines (stdout and stderr), secrets hidden")
    ServiceLogs logs(@PathVariable String service, @RequestParam(defaultValue = "100") int tail) {
        return new ServiceLogs(service, tail, stack.logs(service, tail));
    }
}
