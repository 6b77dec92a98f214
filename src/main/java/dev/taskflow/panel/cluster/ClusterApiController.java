package dev.taskflow.panel.cluster;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The deployed app on the cluster: pods, Events, topology, diagnoses, in-pod checks and the actions on it. */
@RestController
@RequestMapping("/api/cluster")
@Tag(name = "Cluster", description = "Pods, Events, topology and diagnoses of the deployed app; in-pod checks, "
        + "scaling, load-balancing proof, config updates, resource use and access")
class ClusterApiController {

    private final ClusterService cluster;

    private final PodDiagnosis diagnosis;

    private final InPodChecks inPod;

    private final Scaling scaling;

    private final ConfigUpdate config;

    private final ResourceMeter meter;

    private final ClusterAccess access;

    private final LogSearch logs;

    ClusterApiController(ClusterService cluster, PodDiagnosis diagnosis, InPodChecks inPod, Scaling scaling,
            ConfigUpdate config, ResourceMeter meter, ClusterAccess access, LogSearch logs) {
        this.cluster = cluster;
        this.diagnosis = diagnosis;
        this.inPod = inPod;
        this.scaling = scaling;
        this.config = config;
        this.meter = meter;
        this.access = access;
        this.logs = logs;
    }

    @GetMapping("/pods")
    @Operation(summary = "The app's pods: phase, status, ready, restarts, age, node, images")
    List<PodView> pods(@Parameter(description = "plan id: taskflow, todo-app, habit-tracker")
            @RequestParam(defaultValue = "taskflow") String plan) {
        return cluster.pods(cluster.appLabel(plan));
    }

    @GetMapping("/pods/{name}")
    @Operation(summary = "One pod; 404 lists the pods that exist")
    PodView pod(@PathVariable String name, @RequestParam(defaultValue = "taskflow") String plan) {
        return cluster.pod(cluster.appLabel(plan), name);
    }

    @GetMapping("/pods/{name}/diagnosis")
    @Operation(summary = "Why a pod is not Ready, in plain words, with the Events and log lines it rests on")
    Diagnosis podDiagnosis(@PathVariable String name, @RequestParam(defaultValue = "taskflow") String plan) {
        return diagnosis.diagnose(cluster.appLabel(plan), name);
    }

    @GetMapping("/diagnosis")
    @Operation(summary = "The diagnosis of every pod of the app that is not Ready")
    List<Diagnosis> diagnoses(@RequestParam(defaultValue = "taskflow") String plan) {
        return diagnosis.diagnoseApp(cluster.appLabel(plan));
    }

    @GetMapping("/events")
    @Operation(summary = "Events about the app's pods, ReplicaSets, Deployments and Services, newest first")
    List<EventView> events(@RequestParam(defaultValue = "taskflow") String plan) {
        return cluster.events(cluster.appLabel(plan));
    }

    @GetMapping("/deployments")
    @Operation(summary = "The app's Deployments with desired and ready replicas")
    List<DeploymentView> deployments(@RequestParam(defaultValue = "taskflow") String plan) {
        return cluster.deployments(cluster.appLabel(plan));
    }

    @GetMapping("/topology")
    @Operation(summary = "browser → frontend Service → backend Service → external database, with replicas and health")
    Topology topology(@RequestParam(defaultValue = "taskflow") String plan) {
        return cluster.topology(cluster.appLabel(plan));
    }

    @GetMapping("/usage")
    @Operation(summary = "CPU and memory of the app's pods from metrics-server, against the 2 CPU / 2 GB budget")
    ResourceUsage usage(@RequestParam(defaultValue = "taskflow") String plan) {
        return meter.usage(cluster.appLabel(plan));
    }

    @GetMapping("/logs/search")
    @Operation(summary = "Lines of the recent logs of a component's pods that match a regular expression")
    LogSearch.Matches searchLogs(@RequestParam(defaultValue = "taskflow") String plan,
            @RequestParam(defaultValue = "backend") String component, @RequestParam String pattern) {
        return logs.search(cluster.appLabel(plan), component, pattern);
    }

    @PostMapping("/in-pod/backend-health")
    @Operation(summary = "GET the backend's health path from inside a backend pod (python3, wget, curl … fallbacks)")
    InPodAnswers.Http backendHealth(@RequestParam(defaultValue = "taskflow") String plan) {
        return inPod.backendHealth(cluster.appLabel(plan));
    }

    @PostMapping("/in-pod/reach-backend")
    @Operation(summary = "GET the backend Service's health path from inside a frontend pod")
    InPodAnswers.Http reachBackend(@RequestParam(defaultValue = "taskflow") String plan) {
        return inPod.backendFromFrontend(cluster.appLabel(plan));
    }

    @PostMapping("/in-pod/dns")
    @Operation(summary = "Resolve the backend Service's name from inside a pod (nslookup, getent, node, python)")
    InPodAnswers.Resolution dns(@RequestParam(defaultValue = "taskflow") String plan,
            @RequestParam(defaultValue = "frontend") String from) {
        ClusterService.components(from);
        return inPod.resolveBackend(cluster.appLabel(plan), from);
    }

    @PostMapping("/in-pod/env")
    @Operation(summary = "The expected environment variables of a component's pod, as fingerprints only")
    InPodAnswers.Environment environment(@RequestParam(defaultValue = "taskflow") String plan,
            @RequestParam(defaultValue = "backend") String component) {
        if (ClusterService.components(component).size() != 1) {
            throw new dev.taskflow.panel.pipeline.InvalidRequestException("Ask for backend or frontend.");
        }
        return inPod.environment(plan, cluster.appLabel(plan), component);
    }

    @PostMapping("/scale")
    @Operation(summary = "Scale a component and wait for its replicas to be Ready: {\"component\":\"backend\",\"replicas\":2}")
    ScaleResult scale(@RequestParam(defaultValue = "taskflow") String plan, @RequestBody ScaleRequest request)
            throws InterruptedException {
        return scaling.scale(cluster.appLabel(plan), request.component(), request.replicas(), line -> {
        }, () -> false);
    }

    @PostMapping("/load-balance")
    @Operation(summary = "Scale the backend to N, send requests through its Service, count them per pod, scale back")
    LoadSpread loadBalance(@RequestParam(defaultValue = "taskflow") String plan,
            @RequestParam(defaultValue = "2") int replicas) throws InterruptedException {
        return scaling.loadBalance(cluster.appLabel(plan), replicas, line -> {
        }, () -> false);
    }

    @PostMapping("/config")
    @Operation(summary = "Change a ConfigMap/Secret value a component reads, roll it out, and prove the new pods hold "
            + "it (fingerprints only)")
    ConfigChange config(@RequestParam(defaultValue = "taskflow") String plan, @RequestBody ConfigRequest request)
            throws InterruptedException {
        return config.update(cluster.appLabel(plan), request.component(), request.key(), request.value(),
                request.restore(), line -> {
                }, () -> false);
    }

    @GetMapping("/access")
    @Operation(summary = "The open access (target minikube), or 404 when none is open")
    AccessInfo access() {
        return access.current().orElseThrow(() -> new dev.taskflow.panel.pipeline.PlanElementNotFoundException(
                "access", "minikube", List.of("none open: POST /api/cluster/access")));
    }

    @PostMapping("/access")
    @Operation(summary = "Open port-forwards / resolve the NodePort URL and register target minikube")
    AccessInfo connect(@RequestParam(defaultValue = "taskflow") String plan) {
        return access.connect(cluster.appLabel(plan));
    }

    @DeleteMapping("/access")
    @Operation(summary = "Close the port-forwards and withdraw target minikube")
    void disconnect() {
        access.disconnect();
    }

    @ExceptionHandler(ClusterAccessDeniedException.class)
    ProblemDetail forbidden(ClusterAccessDeniedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
        problem.setTitle("Refused by the cluster");
        return problem;
    }

    /**
     * @param component backend or frontend
     * @param replicas  0 to 10
     */
    record ScaleRequest(String component, int replicas) {
    }

    /**
     * @param component backend or frontend
     * @param key       the variable, e.g. NEXT_PUBLIC_API_URL
     * @param value     its new value (never echoed back; the answer shows its fingerprint)
     * @param restore   put the old value back afterwards
     */
    record ConfigRequest(String component, String key, String value, boolean restore) {
    }
}
