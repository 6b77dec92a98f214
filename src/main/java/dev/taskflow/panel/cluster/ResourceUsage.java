package dev.taskflow.panel.cluster;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * CPU and memory the app's pods use now, from the metrics API, against the budget.
 *
 * @param available     whether metrics-server answered
 * @param message       what to do when it did not
 * @param pods          each pod's use
 * @param cpuCores      the total, in cores
 * @param memoryMb      the total, in MiB
 * @param cpuBudget     the budget in cores
 * @param memoryBudgetMb the budget in MiB
 */
public record ResourceUsage(boolean available, String message, List<PodUsage> pods, double cpuCores,
        double memoryMb, double cpuBudget, long memoryBudgetMb) {

    public boolean withinBudget() {
        return available && cpuCores <= cpuBudget && memoryMb <= memoryBudgetMb;
    }

    /**
     * @param pod      the pod
     * @param cpuCores its CPU use in cores
     * @param memoryMb its memory use in MiB
     */
    public record PodUsage(String pod, double cpuCores, double memoryMb) {
    }

    static double cores(Map<String, io.fabric8.kubernetes.api.model.Quantity> usage) {
        var cpu = usage.get("cpu");
        return cpu == null ? 0 : cpu.getNumericalAmount().doubleValue();
    }

    static double mebibytes(Map<String, io.fabric8.kubernetes.api.model.Quantity> usage) {
        var memory = usage.get("memory");
        return memory == null ? 0 : memory.getNumericalAmount().divide(BigDecimal.valueOf(1024L * 1024L),
                java.math.MathContext.DECIMAL64).doubleValue();
    }
}
