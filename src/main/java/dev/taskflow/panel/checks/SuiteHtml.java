package dev.taskflow.panel.checks;

import java.util.Map;
import java.util.Set;

import dev.taskflow.panel.web.Badges;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Renders suite results as the same fragments the Checks page uses, for its live stream. */
@Component
class SuiteHtml {

    private static final String FRAGMENTS = "checks/fragments";

    private final ITemplateEngine templates;

    private final Badges badges;

    private final ChecksProperties properties;

    SuiteHtml(ITemplateEngine templates, Badges badges, ChecksProperties properties) {
        this.templates = templates;
        this.badges = badges;
        this.properties = properties;
    }

    String step(SuiteReport report, StepResult step) {
        return render("step-row", Map.of("report", report, "step", step, "checks", EndToEndSuite.CHECKS,
                "budgetMs", properties.latencyBudget().toMillis()));
    }

    String header(SuiteReport report) {
        return render("report-header", Map.of("report", report));
    }

    private String render(String fragment, Map<String, Object> variables) {
        Context context = new Context();
        context.setVariables(variables);
        context.setVariable("badges", badges);
        return templates.process(FRAGMENTS, Set.of(fragment), context);
    }
}
