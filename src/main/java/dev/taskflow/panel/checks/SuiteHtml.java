package dev.taskflow.panel.checks;

import java.util.Map;

import dev.taskflow.panel.web.FragmentRenderer;
import org.springframework.stereotype.Component;

/** Renders suite results as the same fragments the Checks page uses, for its live stream. */
@Component
class SuiteHtml {

    private static final String FRAGMENTS = "checks/fragments";

    private final FragmentRenderer fragments;

    private final ChecksProperties properties;

    SuiteHtml(FragmentRenderer fragments, ChecksProperties properties) {
        this.fragments = fragments;
        this.properties = properties;
    }

    String step(SuiteReport report, StepResult step) {
        return fragments.render(FRAGMENTS, "step-row", Map.of("report", report, "step", step,
                "checks", EndToEndSuite.CHECKS, "budgetMs", properties.latencyBudget().toMillis()));
    }

    String header(SuiteReport report) {
        return fragments.render(FRAGMENTS, "report-header", Map.of("report", report));
    }
}
