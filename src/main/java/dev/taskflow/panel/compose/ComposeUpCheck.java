package dev.taskflow.panel.compose;

import java.util.stream.Collectors;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/**
 * {@code compose-up}: brings the compose stack up (rebuilding its images unless {@code build: "false"}) and waits
 * until every service is healthy; evidence per service with its time to healthy.
 */
@Component
class ComposeUpCheck implements Check {

    private final ComposeStack stack;

    ComposeUpCheck(ComposeStack stack) {
        this.stack = stack;
    }

    @Override
    public String id() {
        return "compose-up";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        boolean build = Boolean.parseBoolean(context.parameter("build", "true"));
        try {
            ComposeOperation up = stack.up(build, context::report);
            String timings = up.timeToHealthy().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(entry -> entry.getKey() + " " + ComposeStack.seconds(entry.getValue()))
                    .collect(Collectors.joining(", "));
            return TaskOutcome.of(true, "The stack is up with " + up.tool() + ": every service healthy (" + timings
                    + "); target '" + ComposeStack.TARGET + "' registered.", ComposeEvidence.of(up));
        }
        catch (ComposeException ex) {
            return TaskOutcome.failed(ex.getMessage());
        }
    }
}
