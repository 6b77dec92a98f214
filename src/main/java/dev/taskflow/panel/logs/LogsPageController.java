package dev.taskflow.panel.logs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.support.ClusterUnavailableException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The log viewer: pick a component or a pod and its lines stream in. When the cluster cannot be reached the page
 * still opens and says why, so the rest of the dashboard stays a click away.
 */
@Controller
class LogsPageController {

    private final LogStreams logs;

    private final LogsProperties properties;

    private final PlanCatalog catalog;

    LogsPageController(LogStreams logs, LogsProperties properties, PlanCatalog catalog) {
        this.logs = logs;
        this.properties = properties;
        this.catalog = catalog;
    }

    @GetMapping("/logs")
    String page(@RequestParam(defaultValue = PlanCatalog.DEFAULT_PLAN) String plan,
            @RequestParam(required = false) String component, @RequestParam(required = false) String pod,
            @RequestParam(required = false) String container, @RequestParam(required = false) Integer tail,
            Model model) {
        model.addAttribute("plan", catalog.plan(plan));
        model.addAttribute("planId", plan);
        model.addAttribute("components", properties.components());
        model.addAttribute("defaultTail", tail != null && tail >= 0 ? tail : properties.defaultTail());
        Map<String, List<String>> podsByComponent = new LinkedHashMap<>();
        try {
            for (String each : properties.components()) {
                podsByComponent.put(each, logs.componentPods(plan, each));
            }
        }
        catch (ClusterUnavailableException | LogSourceNotFoundException ex) {
            model.addAttribute("clusterError", ex.getMessage());
        }
        model.addAttribute("podsByComponent", podsByComponent);
        String source = pod != null && !pod.isBlank() ? "pod:" + pod
                : component != null && !component.isBlank() ? "component:" + component : "";
        model.addAttribute("source", source);
        boolean listed = podsByComponent.values().stream().anyMatch(pods -> pods.contains(pod));
        model.addAttribute("otherPod", pod != null && !pod.isBlank() && !listed ? pod : null);
        model.addAttribute("container", container == null ? "" : container);
        return "logs/logs";
    }
}
