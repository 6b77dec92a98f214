package dev.taskflow.panel.pipeline;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.taskflow.panel.web.FragmentRenderer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** Renders run events as the same Thymeleaf fragments the run pages use, for the pages' live stream. */
@Component
class RunEventHtml {

    private static final String FRAGMENTS = "pipeline/fragments";

    private final FragmentRenderer fragments;

    private final PlanCatalog catalog;

    RunEventHtml(FragmentRenderer fragments, PlanCatalog catalog) {
        this.fragments = fragments;
        this.catalog = catalog;
    }

    /** A renderer for one run's events. */
    Function<RunEvent, String> forRun(RunRecord run) {
        Map<String, Task> tasks = tasksOf(run.plan());
        return event -> switch (event) {
            case RunEvent.TaskUpdated updated -> render("task-row", Map.of("run", run, "result", updated.result(),
                    "tasks", tasks));
            case RunEvent.TaskProgress progress -> "<div class=\"log-line\" data-append-to=\"run-" + run.id() + "-"
                    + progress.taskId() + "-progress\">" + HtmlUtils.htmlEscape(progress.line()) + "</div>";
            case RunEvent.CheckpointEvaluated evaluated -> render("run-checkpoint", Map.of("run", run,
                    "checkpoint", evaluated.checkpoint()));
            case RunEvent.RunUpdated updated -> render("run-header", Map.of("run", updated.run()));
            case RunEvent.RunEnded ended -> render("run-header", Map.of("run", ended.run()));
        };
    }

    Map<String, Task> tasksOf(String planId) {
        return catalog.plan(planId).tasks().collect(Collectors.toMap(Task::id, task -> task));
    }

    private String render(String fragment, Map<String, Object> variables) {
        return fragments.render(FRAGMENTS, fragment, variables);
    }
}
