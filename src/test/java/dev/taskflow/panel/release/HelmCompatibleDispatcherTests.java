package dev.taskflow.panel.release;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** What the dispatcher adds to the CRUD mock, seen over HTTP as Helm's Go client sees it. */
class HelmCompatibleDispatcherTests {

    @RegisterExtension
    final HelmMockCluster cluster = new HelmMockCluster();

    // HTTP/1.1 as Go's client speaks it to a plain-HTTP server (no h2c upgrade header)
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void closeHttp() {
        http.close();
    }

    @Test
    void servesTheVersionAndDiscoveryForTheResourceTypesItKnows() throws Exception {
        assertThat(get("/version").path("gitVersion").asText()).isEqualTo(HelmMockCluster.KUBERNETES_VERSION);
        assertThat(get("/api").path("versions")).extracting(JsonNode::asText).containsExactly("v1");
        assertThat(get("/apis").path("groups")).extracting(group -> group.path("name").asText())
                .contains("apps", "batch", "networking.k8s.io");
        assertThat(get("/apis/apps/v1").path("resources"))
                .anySatisfy(resource -> {
                    assertThat(resource.path("name").asText()).isEqualTo("deployments");
                    assertThat(resource.path("kind").asText()).isEqualTo("Deployment");
                    assertThat(resource.path("namespaced").asBoolean()).isTrue();
                });
        assertThat(get("/api/v1").path("resources")).extracting(resource -> resource.path("name").asText())
                .contains("secrets", "configmaps", "services", "namespaces");
    }

    @Test
    void declaresServerSideFieldValidationSoHelmSkipsTheSchema() throws Exception {
        JsonNode index = get("/openapi/v3");
        String appsUrl = index.path("paths").path("apis/apps/v1").path("serverRelativeURL").asText();

        JsonNode apps = get(appsUrl);

        JsonNode patch = apps.path("paths").path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}")
                .path("patch");
        assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asText()).isEqualTo("Deployment");
        assertThat(patch.path("parameters")).anySatisfy(parameter -> {
            assertThat(parameter.path("name").asText()).isEqualTo("fieldValidation");
            assertThat(parameter.path("in").asText()).isEqualTo("query");
        });
    }

    @Test
    void answersListsAsJsonWithTheirTypedKind() throws Exception {
        cluster.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("one").endMetadata().build()).create();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/namespaces/default/configmaps")));

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode list = Serialization.jsonMapper().readTree(response.body());
        assertThat(list.path("kind").asText()).isEqualTo("ConfigMapList");
        assertThat(list.path("items")).hasSize(1);
    }

    @Test
    void reportsADuplicateCreateAsAlreadyExists() throws Exception {
        String configMap = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"one\"}}";
        post("/api/v1/namespaces/default/configmaps", configMap);

        HttpResponse<String> second = post("/api/v1/namespaces/default/configmaps", configMap);

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(Serialization.jsonMapper().readTree(second.body()).path("reason").asText())
                .isEqualTo("AlreadyExists");
    }

    @Test
    void appliesAStrategicMergePatchAndStoresTheResult() throws Exception {
        cluster.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("one").endMetadata().addToData("a", "1").addToData("b", "2").build()).create();

        HttpResponse<String> patched = send(HttpRequest.newBuilder(uri("/api/v1/namespaces/default/configmaps/one"))
                .header("Content-Type", "application/strategic-merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"data\":{\"a\":null,\"c\":\"3\"}}")));

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(cluster.client().configMaps().inNamespace("default").withName("one").get().getData())
                .containsOnlyKeys("b", "c");
    }

    @Test
    void answersAPlainHttpWatchWithTheCurrentObjectsAndTheInitialEventsBookmark() throws Exception {
        cluster.client().pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("p1")
                .endMetadata().build()).create();

        HttpResponse<String> watch = send(HttpRequest.newBuilder(uri("/api/v1/namespaces/default/pods"
                + "?fieldSelector=metadata.name%3Dp1&sendInitialEvents=true&allowWatchBookmarks=true&watch=true")));

        List<JsonNode> events = new ArrayList<>();
        for (String line : watch.body().strip().split("\n")) {
            events.add(Serialization.jsonMapper().readTree(line));
        }
        assertThat(events).extracting(event -> event.path("type").asText()).containsExactly("ADDED", "BOOKMARK");
        assertThat(events.get(0).path("object").path("metadata").path("name").asText()).isEqualTo("p1");
        assertThat(events.get(1).path("object").path("metadata").path("annotations")
                .path("k8s.io/initial-events-end").asText()).isEqualTo("true");
    }

    @Test
    void failsTheNextMatchingRequestOnceWithAKubernetesStatus() throws Exception {
        cluster.failNext("GET", "/api/v1/namespaces/default/secrets", 403, "secrets is forbidden");

        HttpResponse<String> failed = send(HttpRequest.newBuilder(
                uri("/api/v1/namespaces/default/secrets?labelSelector=owner%3Dhelm")));
        HttpResponse<String> next = send(HttpRequest.newBuilder(uri("/api/v1/namespaces/default/secrets")));

        assertThat(failed.statusCode()).isEqualTo(403);
        JsonNode status = Serialization.jsonMapper().readTree(failed.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("Forbidden");
        assertThat(status.path("message").asText()).isEqualTo("secrets is forbidden");
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void answersWithAnErrorRatherThanLeavingARequestUnanswered() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/namespaces/default/configmaps"))
                .header("Content-Type", KubernetesProtobuf.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("not protobuf")));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("The Helm mock failed on POST", "k8s\\\\0 prefix");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)));
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return Serialization.jsonMapper().readTree(response.body());
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(cluster.url() + path);
    }
}
