package dev.taskflow.panel.cluster;

import dev.taskflow.panel.pipeline.PlanCatalog;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The Cluster page: topology, pods, Events and diagnoses refreshed by htmx every few seconds, with the in-pod checks,
 * scaling, access and resource use as buttons whose result card swaps in. Cluster faults show in the page instead of
 * breaking it.
 */
@Controller
class ClusterPageController {

    private final ClusterService cluster;

    private final ClusterOverview overview;

    private final PodDiagnosis diagnosis;

    private final InPodChecks inPod;

    private final Scaling scaling;

    private final ResourceMeter meter;

    private final ClusterAccess access;

    private final PlanCatalog catalog;

    ClusterPageController(ClusterService cluster, ClusterOverview overview, PodDiagnosis diagnosis,
            InPodChecks inPod, Scaling scaling, ResourceMeter meter, ClusterAccess access, PlanCatalog catalog) {
        this.cluster = cluster;
        this.overview = overview;
        this.diagnosis = diagnosis;
        this.inPod = inPod;
        this.scaling = scaling;
        this.meter = meter;
        this.access = access;
        this.catalog = catalog;
    }

    @GetMapping("/cluster")
    String page(@RequestParam(defaultValue = "taskflow") String plan, Model model) {
        model.addAttribute("plan", catalog.plan(plan));
        model.addAttribute("access", access.current().orElse(null));
        live(plan, model);
        return "cluster/cluster";
    }

    @HxRequest
    @GetMapping("/cluster/live")
    String liveFragment(@RequestParam(defaultValue = "taskflow") String plan, Model model) {
        live(plan, model);
        return "cluster/cluster :: live";
    }

    @HxRequest
    @GetMapping("/cluster/pods/{name}/diagnosis")
    String podDiagnosis(@PathVariable String name, @RequestParam(defaultValue = "taskflow") String plan,
            Model model) {
        model.addAttribute("diagnosis", diagnosis.diagnose(cluster.appLabel(plan), name));
        return "cluster/fragments :: diagnosis";
    }

    @HxRequest
    @PostMapping("/cluster/in-pod/{check}")
    String inPod(@PathVariable String check, @RequestParam(defaultValue = "taskflow") String plan, Model model) {
        String app = cluster.appLabel(plan);
        switch (check) {
            case "backend-health" -> model.addAttribute("http", inPod.backendHealth(app));
            case "reach-backend" -> model.addAttribute("http", inPod.backendFromFrontend(app));
            case "dns" -> model.addAttribute("resolution", inPod.resolveBackend(app, "frontend"));
            case "env-backend" -> model.addAttribute("environment", inPod.environment(plan, app, "backend"));
            case "env-frontend" -> model.addAttribute("environment", inPod.environment(plan, app, "frontend"));
            default -> throw new dev.taskflow.panel.pipeline.InvalidRequestException("Unknown in-pod check '" + check
                    + "': use backend-health, reach-backend, dns, env-backend or env-frontend.");
        }
        return "cluster/fragments :: in-pod";
    }

    @HxRequest
    @PostMapping("/cluster/scale")
    String scale(@RequestParam(defaultValue = "taskflow") String plan, @RequestParam String component,
            @RequestParam int replicas, Model model) throws InterruptedException {
        model.addAttribute("scale", scaling.scale(cluster.appLabel(plan), component, replicas, line -> {
        }, () -> false));
        return "cluster/fragments :: scale";
    }

    @HxRequest
    @PostMapping("/cluster/load-balance")
    String loadBalance(@RequestParam(defaultValue = "taskflow") String plan,
            @RequestParam(defaultValue = "2") int replicas, Model model) throws InterruptedException {
        model.addAttribute("spread", scaling.loadBalance(cluster.appLabel(plan), replicas, line -> {
        }, () -> false));
        return "cluster/fragments :: spread";
    }

    @HxRequest
    @GetMapping("/cluster/usage")
    String usage(@RequestParam(defaultValue = "taskflow") String plan, Model model) {
        model.addAttribute("usage", meter.usage(cluster.appLabel(plan)));
        return "cluster/fragments :: usage";
    }

    @HxRequest
    @PostMapping("/cluster/access")
    String connect(@RequestParam(defaultValue = "taskflow") String plan, Model model) {
        model.addAttribute("access", access.connect(cluster.appLabel(plan)));
        return "cluster/fragments :: access";
    }

    @HxRequest
    @PostMapping("/cluster/access/close")
    String disconnect(Model model) {
        access.disconnect();
        model.addAttribute("access", null);
        return "cluster/fragments :: access";
    }

    /** RBAC refusals are not among the shared error advice's cases; shown the same way. */
    @ExceptionHandler(ClusterAccessDeniedException.class)
    ModelAndView forbidden(ClusterAccessDeniedException ex, HttpServletResponse response,
            jakarta.servlet.http.HttpServletRequest request) {
        boolean htmx = "true".equals(request.getHeader("HX-Request"));
        ModelAndView view = new ModelAndView(htmx ? "fragments/layout :: error-alert" : "error");
        view.addObject("status", 403);
        view.addObject("error", "Forbidden");
        view.addObject("message", ex.getMessage());
        if (htmx) {
            response.setHeader("HX-Retarget", "#error-area");
            response.setHeader("HX-Reswap", "innerHTML");
        }
        view.setStatus(HttpStatus.FORBIDDEN);
        return view;
    }

    private void live(String plan, Model model) {
        model.addAttribute("planId", plan);
        model.addAttribute("snapshot", overview.snapshot(cluster.appLabel(plan)));
    }
}
