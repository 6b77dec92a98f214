package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Evidence;

/** Evidence entries for the cluster checks, built the same way everywhere. */
final class ClusterEvidence {

    private ClusterEvidence() {
    }

    static List<Evidence> readiness(ReadinessReport report) {
        List<Evidence> evidence = new ArrayList<>();
        for (PodStartupTiming timing : report.timings()) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("component", timing.component());
            values.put("created", String.valueOf(timing.createdAt()));
            values.put("ready", String.valueOf(timing.readyAt()));
            values.put("startup", seconds(timing.startup()));
            values.put("budget", seconds(report.podBudget()));
            values.put("withinBudget", String.valueOf(timing.withinBudget()));
            evidence.add(Evidence.measurement("Startup of pod " + timing.pod(), values));
        }
        if (report.deployment() != null) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("deployment", seconds(report.deployment()));
            values.put("budget", seconds(report.deploymentBudget()));
            values.put("withinBudget", String.valueOf(report.deployment().compareTo(report.deploymentBudget()) <= 0));
            values.put("waited", seconds(report.waited()));
            evidence.add(Evidence.measurement("Whole deployment of app=" + report.app() + " (first pod created to "
                    + "last pod Ready)", values));
        }
        report.diagnoses().forEach(diagnosis -> evidence.add(diagnosis(diagnosis)));
        return evidence;
    }

    static Evidence diagnosis(Diagnosis diagnosis) {
        return Evidence.note("Diagnosis" + (diagnosis.pod() == null ? "" : " of " + diagnosis.pod()) + ": "
                + diagnosis.problem(), diagnosis.headline() + (diagnosis.evidence().isEmpty() ? ""
                        : "\n\n" + String.join("\n", diagnosis.evidence())));
    }

    static Evidence http(InPodAnswers.Http answer) {
        return new Evidence(Evidence.Kind.HTTP, "GET " + answer.url() + " from pod " + answer.pod(),
                "$ " + answer.command() + "\n" + answer.body(), Map.of("status", String.valueOf(answer.status()),
                        "tool", answer.tool()));
    }

    static String seconds(Duration duration) {
        return duration == null ? "" : String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String readinessSummary(ReadinessReport report) {
        if (!report.ready()) {
            return report.diagnoses().isEmpty() ? "The pods did not get Ready."
                    : report.diagnoses().get(0).headline();
        }
        String slowest = report.timings().stream().max(java.util.Comparator.comparing(PodStartupTiming::startup))
                .map(timing -> timing.pod() + " took " + seconds(timing.startup())).orElse("");
        return report.timings().size() + " pod(s) Running and Ready; slowest " + slowest + " (budget "
                + seconds(report.podBudget()) + "); deployment " + seconds(report.deployment()) + " (budget "
                + seconds(report.deploymentBudget()) + ").";
    }
}
