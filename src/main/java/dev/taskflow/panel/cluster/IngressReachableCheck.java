package dev.taskflow.panel.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.prerequisites.Minikube;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

import org.springframework.stereotype.Component;

/**
 * Both of the Ingress's routes answer: {@code /} from the frontend and the backend path from the backend (todo-app
 * T053). Requests go to the Ingress address with the Ingress's host name in the Host header, so no hosts-file line
 * is needed; the backend route counts as reached when FastAPI answers (JSON), not nginx's own error page.
 */
@Component
class IngressReachableCheck implements Check {

    private final ClusterService cluster;

    private final Minikube minikube;

    IngressReachableCheck(ClusterService cluster, Minikube minikube) {
        this.cluster = cluster;
        this.minikube = minikube;
    }

    @Override
    public String id() {
        return "ingress-reachable";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        String app = cluster.appLabel(context.plan().id());
        Optional<Ingress> found = KubeCalls.call("list Ingresses labelled app=" + app, () -> cluster.client()
                .network().v1().ingresses().inNamespace(cluster.namespace()).withLabel("app", app).list().getItems())
                .stream().findFirst();
        if (found.isEmpty()) {
            return TaskOutcome.failed("There is no Ingress labelled app=" + app + ": install with ingress.enabled="
                    + "true (values-todo-app.yaml) and enable the controller with `minikube addons enable ingress`.");
        }
        Ingress ingress = found.get();
        if (ingress.getSpec().getRules() == null || ingress.getSpec().getRules().isEmpty()
                || ingress.getSpec().getRules().get(0).getHttp() == null) {
            return TaskOutcome.failed("The Ingress " + ingress.getMetadata().getName() + " has no HTTP routing rule: "
                    + "render it from the chart (ingress.enabled=true sets / and the backend path on its host).");
        }
        var rule = ingress.getSpec().getRules().get(0);
        String host = rule.getHost();
        String backendPath = rule.getHttp().getPaths().stream().map(path -> path.getPath())
                .filter(path -> !path.equals("/")).findFirst().orElse("/api");
        String address = address(ingress);
        if (address == null) {
            return TaskOutcome.failed("The Ingress " + ingress.getMetadata().getName() + " has no address yet and "
                    + "Minikube's IP is not known: run `minikube addons enable ingress` and wait for the controller.");
        }
        List<Evidence> evidence = new ArrayList<>();
        try {
            Answer front = get(address, host, "/");
            Answer back = get(address, host, backendPath);
            evidence.add(new Evidence(Evidence.Kind.HTTP, "GET http://" + address + "/ (Host: " + host + ")", null,
                    Map.of("status", String.valueOf(front.status()), "content-type", front.contentType())));
            evidence.add(new Evidence(Evidence.Kind.HTTP, "GET http://" + address + backendPath + " (Host: " + host
                    + ")", null, Map.of("status", String.valueOf(back.status()), "content-type",
                            back.contentType())));
            boolean frontOk = front.status() < 400;
            boolean backOk = back.status() < 500 && back.contentType().contains("json");
            return TaskOutcome.of(frontOk && backOk, frontOk && backOk
                    ? "Through the Ingress at " + address + " (host " + host + "): / answers " + front.status()
                            + " from the frontend and " + backendPath + " answers " + back.status() + " from the backend."
                    : "The Ingress routes do not both answer: / → " + front.status() + ", " + backendPath + " → "
                            + back.status() + " " + back.contentType() + ". Check the ingress controller "
                            + "(`minikube addons enable ingress`) and the Services behind the paths.", evidence);
        }
        catch (IOException ex) {
            return TaskOutcome.failed("The Ingress address " + address + " does not answer on port 80 (" + ex
                    .getMessage() + "): with the Docker driver run `minikube tunnel` and use 127.0.0.1.");
        }
    }

    private String address(Ingress ingress) throws InterruptedException {
        if (ingress.getStatus() != null && ingress.getStatus().getLoadBalancer() != null
                && !ingress.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            var first = ingress.getStatus().getLoadBalancer().getIngress().get(0);
            return first.getIp() != null ? first.getIp() : first.getHostname();
        }
        if (!minikube.installed()) {
            return null;
        }
        var outcome = minikube.ip();
        return outcome.succeeded() ? outcome.standardOutput().strip() : null;
    }

    /** A plain HTTP/1.1 GET with our own Host header (java.net.http refuses to set it). */
    static Answer get(String address, String host, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, 80), 5000);
            socket.setSoTimeout(10000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + (host == null ? address : host)
                    + "\r\nConnection: close\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String type = "";
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    type = line.substring("content-type:".length()).strip().toLowerCase(Locale.ROOT);
                }
            }
            return new Answer(status, type);
        }
    }

    record Answer(int status, String contentType) {
    }
}
