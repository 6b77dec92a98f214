package dev.taskflow.panel.cluster;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;

import org.springframework.stereotype.Component;

/** {@code kubectl top pods} summed over the app, under the 2 GB / 2 CPU budget (habit-tracker T047). */
@Component
class ResourceUsageCheck implements Check {

    private final ClusterService cluster;

    private final ResourceMeter meter;

    ResourceUsageCheck(ClusterService cluster, ResourceMeter meter) {
        this.cluster = cluster;
        this.meter = meter;
    }

    @Override
    public String id() {
        return "resource-usage";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        ResourceUsage usage = meter.usage(cluster.appLabel(context.plan().id()));
        if (!usage.available()) {
            return TaskOutcome.failed(usage.message());
        }
        double maxMemory = Double.parseDouble(context.parameter("maxMemoryMb", String.valueOf(usage.memoryBudgetMb())));
        double maxCpu = Double.parseDouble(context.parameter("maxCpu", String.valueOf(usage.cpuBudget())));
        Map<String, String> values = new LinkedHashMap<>();
        usage.pods().forEach(pod -> values.put(pod.pod(), format(pod.cpuCores() * 1000, "m CPU") + ", "
                + format(pod.memoryMb(), " MiB")));
        values.put("total CPU", format(usage.cpuCores(), " cores") + " of " + format(maxCpu, ""));
        values.put("total memory", format(usage.memoryMb(), " MiB") + " of " + format(maxMemory, ""));
        boolean passed = usage.cpuCores() <= maxCpu && usage.memoryMb() <= maxMemory;
        return TaskOutcome.of(passed, (passed ? "Within budget: " : "Over budget: ") + format(usage.cpuCores(),
                " cores") + " (max " + format(maxCpu, "") + "), " + format(usage.memoryMb(), " MiB") + " (max "
                + format(maxMemory, "") + ") over " + usage.pods().size() + " pod(s).",
                java.util.List.of(Evidence.measurement("Pod metrics (metrics.k8s.io)", values)));
    }

    private static String format(double value, String unit) {
        return String.format(Locale.ROOT, "%.2f%s", value, unit);
    }
}
