package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of waiting for pods to be Running and Ready.
 *
 * @param app                the {@code app} label waited on
 * @param components         the components, in the order waited on
 * @param ready              whether every component reached its replica count of Ready pods in time
 * @param timings            each Ready pod's startup time against the pod budget
 * @param podBudget          the budget per pod
 * @param deployment         from the first pod's creation to the last pod's Ready
 * @param deploymentBudget   the budget for the whole deployment
 * @param waited             how long the panel waited
 * @param diagnoses          why the pods that are not Ready are not
 */
public record ReadinessReport(String app, List<String> components, boolean ready, List<PodStartupTiming> timings,
        Duration podBudget, Duration deployment, Duration deploymentBudget, Duration waited,
        List<Diagnosis> diagnoses) {

    public ReadinessReport {
        components = List.copyOf(components);
        timings = List.copyOf(timings);
        diagnoses = List.copyOf(diagnoses);
    }

    /** Ready, every pod within its budget, and the whole deployment within its. */
    public boolean withinBudgets() {
        return ready && timings.stream().allMatch(PodStartupTiming::withinBudget) && deployment != null
                && deployment.compareTo(deploymentBudget) <= 0;
    }
}
