package dev.taskflow.panel.release;

import java.util.List;

/**
 * What {@code helm lint} said about a chart.
 *
 * @param chart    the chart folder
 * @param strict   whether warnings counted as failures ({@code --strict})
 * @param passed   whether the chart passed
 * @param messages Helm's findings, one per line ({@code [INFO] …}, {@code [WARNING] …}, {@code [ERROR] …})
 */
public record LintReport(String chart, boolean strict, boolean passed, List<String> messages) {

    public LintReport {
        messages = List.copyOf(messages);
    }
}
