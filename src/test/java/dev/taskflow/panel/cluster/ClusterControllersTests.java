package dev.taskflow.panel.cluster;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.support.ClusterUnavailableException;
import dev.taskflow.panel.web.Badges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest({ ClusterApiController.class, ClusterPageController.class })
@Import({ PlanCatalog.class, Badges.class })
class ClusterControllersTests {

    static final Instant WHEN = Instant.parse("2026-11-22T03:00:00Z");

    static final PodView BACKEND = new PodView("taskflow-backend-1", "backend", "Running", "Running", "1/1", true, 0,
            WHEN, "3m", "minikube", List.of("taskflow-backend:1.0.0"), false);

    static final PodView FRONTEND = new PodView("taskflow-frontend-1", "frontend", "Pending", "Init:0/1", "0/1", false,
            0, WHEN, "1m", "minikube", List.of("taskflow-frontend:1.0.0"), false);

    static final Diagnosis STUCK = new Diagnosis("taskflow-frontend-1", "wait-for-backend", "init-stuck",
            "Init container wait-for-backend of taskflow-frontend-1 has been running for 1m", null,
            List.of("waiting for DNS"));

    static final Topology TOPOLOGY = new Topology("taskflow", new Topology.Tier("frontend",
            "taskflow-frontend-service", "NodePort", 3000, 30080, 1, 0, "down"), new Topology.Tier("backend",
                    "taskflow-backend-service", "ClusterIP", 8000, null, 1, 1, "up"),
            new Topology.Database("db.example.neon.tech", "up"));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ClusterService cluster;

    @MockitoBean
    ClusterOverview overview;

    @MockitoBean
    PodDiagnosis diagnosis;

    @MockitoBean
    InPodChecks inPod;

    @MockitoBean
    Scaling scaling;

    @MockitoBean
    ConfigUpdate config;

    @MockitoBean
    ResourceMeter meter;

    @MockitoBean
    ClusterAccess access;

    @MockitoBean
    LogSearch logs;

    @BeforeEach
    void labels() {
        given(cluster.appLabel(anyString())).willAnswer(call -> call.getArgument(0).equals("todo-app") ? "todo"
                : call.getArgument(0));
        given(access.current()).willReturn(Optional.empty());
    }

    @Test
    void thePageShowsTopologyPodsDiagnosesEventsAndLinksToLogs() throws Exception {
        given(overview.snapshot("taskflow")).willReturn(new ClusterSnapshot("taskflow", "default",
                List.of(BACKEND, FRONTEND), List.of(), List.of(new EventView("Warning", "BackOff",
                        "Pod/taskflow-frontend-1", "Back-off", 2, WHEN)), TOPOLOGY, List.of(STUCK), null));

        mvc.perform(get("/cluster"))
                .andExpect(status().isOk())
                .andExpect(view().name("cluster/cluster"))
                .andExpect(content().string(allOf(containsString("id=\"tier-frontend\""),
                        containsString("data-health=\"down\""), containsString("taskflow-backend-service"),
                        containsString("db.example.neon.tech"), containsString("Init:0/1"),
                        containsString("data-problem=\"init-stuck\""), containsString("Back-off"),
                        containsString("/logs?component=backend"), containsString("hx-trigger=\"every 5s\""))));
    }

    @Test
    void theLiveFragmentIsWhatHtmxRefreshes() throws Exception {
        given(overview.snapshot("todo")).willReturn(new ClusterSnapshot("todo", "default", List.of(BACKEND),
                List.of(), List.of(), TOPOLOGY, List.of(), null));

        mvc.perform(get("/cluster/live").param("plan", "todo-app").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(view().name("cluster/cluster :: live"))
                .andExpect(content().string(allOf(containsString("taskflow-backend-1"),
                        not(containsString("<nav")))));
    }

    @Test
    void aClusterThatCannotBeReachedIsShownInThePageWhichStaysUsable() throws Exception {
        given(overview.snapshot("taskflow")).willReturn(ClusterSnapshot.unavailable("taskflow", "default",
                "There is no kubeconfig at /root/.kube/config: run `minikube start`"));

        mvc.perform(get("/cluster"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"cluster-problem\""),
                        containsString("run `minikube start`"), containsString("Checks inside the pods"))));
    }

    @Test
    void theApiAnswersWithThePanelsOwnRecords() throws Exception {
        given(cluster.pods("taskflow")).willReturn(List.of(BACKEND));
        given(cluster.topology("taskflow")).willReturn(TOPOLOGY);

        mvc.perform(get("/api/cluster/pods"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("taskflow-backend-1"))
                .andExpect(jsonPath("$[0].ready").value("1/1"))
                .andExpect(jsonPath("$[0].images[0]").value("taskflow-backend:1.0.0"));
        mvc.perform(get("/api/cluster/topology"))
                .andExpect(jsonPath("$.frontend.nodePort").value(30080))
                .andExpect(jsonPath("$.backend.health").value("up"));
    }

    @Test
    void anExecRefusedByRbacIsA403ProblemAndAnAlertOnThePage() throws Exception {
        given(inPod.backendHealth("taskflow")).willThrow(new ClusterAccessDeniedException("The cluster refused to "
                + "run python3 in pod x (403 Forbidden): RBAC"));

        mvc.perform(post("/api/cluster/in-pod/backend-health"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("Refused by the cluster"))
                .andExpect(jsonPath("$.detail").value(containsString("RBAC")));
        mvc.perform(post("/cluster/in-pod/backend-health").header("HX-Request", "true"))
                .andExpect(status().isForbidden())
                .andExpect(header().string("HX-Retarget", "#error-area"))
                .andExpect(content().string(containsString("RBAC")));
    }

    @Test
    void anUnreachableClusterIsA503Problem() throws Exception {
        given(cluster.events("taskflow")).willThrow(new ClusterUnavailableException("The API server did not answer"));

        mvc.perform(get("/api/cluster/events"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail").value("The API server did not answer"));
    }

    @Test
    void anInPodResultShowsFingerprintsNotValues() throws Exception {
        given(inPod.environment("taskflow", "taskflow", "backend")).willReturn(new InPodAnswers.Environment(
                "taskflow-backend-1", "backend", List.of(new InPodAnswers.Variable("BETTER_AUTH_SECRET", true,
                        "sha256:1a2b3c4d", 40), new InPodAnswers.Variable("DEBUG", false, null, 0)), "used env"));

        mvc.perform(post("/cluster/in-pod/env-backend").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("sha256:1a2b3c4d"), containsString("40 chars"),
                        containsString("missing"))));
    }

    @Test
    void connectingRegistersTheTargetAndShowsTheUrls() throws Exception {
        given(access.connect("taskflow")).willReturn(new AccessInfo(URI.create("http://127.0.0.1:40001"),
                URI.create("http://192.168.49.2:30080"), "port-forward to Service taskflow-backend-service",
                "NodePort 30080 on Minikube's IP 192.168.49.2", 30080));

        mvc.perform(post("/cluster/access").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("http://192.168.49.2:30080"),
                        containsString("http://127.0.0.1:40001"))));
        mvc.perform(post("/api/cluster/access"))
                .andExpect(jsonPath("$.frontendUrl").value("http://192.168.49.2:30080"));
    }

    @Test
    void aLoadSpreadIsDrawnPerPod() throws Exception {
        given(scaling.loadBalance(eq("taskflow"), eq(2), any(), any())).willReturn(new LoadSpread(2, 20, 20,
                Map.of("taskflow-backend-1", 11, "taskflow-backend-2", 9), 0, "taskflow-frontend-1", "used node",
                "lb-1", 1));

        mvc.perform(post("/cluster/load-balance").param("replicas", "2").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("balanced"), containsString("taskflow-backend-2"),
                        containsString("width: 55%"))));
    }
}
