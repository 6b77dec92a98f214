package dev.taskflow.panel.pipeline;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.taskflow.panel.web.Badges;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Renders run events as the same Thymeleaf fragments the run pages use, for the pages' live stream. */
@Component
class RunEventHtml {

    private static final String FRAGMENTS = "pipeline/fragments";

    private final ITemplateEngine templates;

    private final PlanCatalog catalog;

    private final Badges badges;

    RunEventHtml(ITemplateEngine templates, PlanCatalog catalog, Badges badges) {
        this.templates = templates;
        this.catalog = catalog;
        this.badges = badges;
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
        Context context = new Context();
        context.setVariables(variables);
        context.setVariable("badges", badges);
        return templates.process(FRAGMENTS, Set.of(fragment), context);
    }
}
