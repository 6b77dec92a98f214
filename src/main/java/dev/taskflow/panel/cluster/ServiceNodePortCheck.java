package dev.taskflow.panel.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;

import org.springframework.stereotype.Component;

/**
 * The frontend Service's node port and URL, like {@code minikube service … --url}, fetched once; registers target
 * {@code minikube} for the end-to-end checks (T045, T051).
 */
@Component
class ServiceNodePortCheck implements Check {

    private final ClusterService cluster;

    private final ClusterAccess access;

    ServiceNodePortCheck(ClusterService cluster, ClusterAccess access) {
        this.cluster = cluster;
        this.access = access;
    }

    @Override
    public String id() {
        return "service-nodeport";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        AccessInfo info = access.connect(cluster.appLabel(context.plan().id()));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("nodePort", String.valueOf(info.nodePort()));
        values.put("frontend", info.frontendUrl() + " (" + info.frontendVia() + ")");
        values.put("backend", info.backendUrl() + " (" + info.backendVia() + ")");
        Evidence measured = Evidence.measurement("Access to the app on the cluster (target minikube)", values);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(info.frontendUrl())
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Evidence http = new Evidence(Evidence.Kind.HTTP, "GET " + info.frontendUrl(), null,
                    Map.of("status", String.valueOf(response.statusCode())));
            boolean ok = response.statusCode() < 400;
            return TaskOutcome.of(ok, ok
                    ? "The frontend answers " + response.statusCode() + " at " + info.frontendUrl() + (info.nodePort()
                            == null ? " (no NodePort: through a port-forward)" : " (nodePort " + info.nodePort() + ")")
                            + "; registered as target minikube."
                    : "The frontend at " + info.frontendUrl() + " answers " + response.statusCode()
                            + ": see the frontend pod's logs.", List.of(measured, http));
        }
        catch (java.io.IOException ex) {
            return TaskOutcome.failed("The frontend at " + info.frontendUrl() + " does not answer (" + ex
                    .getMessage() + "): with the Docker driver Minikube's IP is not reachable from the host; run "
                    + "`minikube service " + "<frontend service> --url` or use the port-forward.", measured);
        }
    }
}
