package dev.taskflow.panel.logs;

import java.util.List;

import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.support.ClusterUnavailableException;
import dev.taskflow.panel.web.Badges;
import dev.taskflow.panel.web.EventStreams;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest({ LogsApiController.class, LogsPageController.class })
@Import({ PlanCatalog.class, Badges.class, EventStreams.class, LogsControllersTests.Properties.class })
class LogsControllersTests {

    static final String NO_KUBECONFIG = "There is no kubeconfig at /home/dev/.kube/config: run `minikube start`";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    LogStreams logs;

    @Test
    void withoutAClusterAStreamIsRefusedWith503AndTheReason() throws Exception {
        given(logs.open(any(), any(), any())).willThrow(new ClusterUnavailableException(NO_KUBECONFIG));

        mvc.perform(get("/api/logs/components/backend").accept(MediaType.TEXT_EVENT_STREAM, MediaType.ALL))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.title").value("Cluster unavailable"))
                .andExpect(jsonPath("$.detail").value(NO_KUBECONFIG));
    }

    @Test
    void anUnknownContainerIsRefusedWith404NamingTheContainersThereAre() throws Exception {
        given(logs.containers("api-1")).willReturn(new PodContainers("api-1", List.of("backend"), List.of("wait-db")));
        given(logs.open(any(), any(), any())).willThrow(
                LogSourceNotFoundException.container("sidecar", "api-1", List.of("backend", "wait-db")));

        mvc.perform(get("/api/logs/pods/api-1?container=sidecar"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Pod api-1 has no container sidecar: choose one of backend, "
                        + "wait-db."));
        mvc.perform(get("/api/logs/pods/api-1/containers"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.initContainers[0]").value("wait-db"));
    }

    @Test
    void malformedNamesAndLimitsAreRefusedWith400BeforeTheClusterIsAsked() throws Exception {
        mvc.perform(get("/api/logs/pods/API_1")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("is not a pod name")));
        mvc.perform(get("/api/logs/pods/api-1?tail=-5")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/logs/components/backend?sinceSeconds=0")).andExpect(status().isBadRequest());
        verifyNoInteractions(logs);
    }

    @Test
    void theViewerPageOpensWithoutAClusterAndSaysWhy() throws Exception {
        given(logs.componentPods(anyString(), anyString())).willThrow(new ClusterUnavailableException(NO_KUBECONFIG));

        mvc.perform(get("/logs"))
                .andExpect(status().isOk())
                .andExpect(view().name("logs/logs"))
                .andExpect(content().string(containsString("id=\"logs-cluster-error\"")))
                .andExpect(content().string(containsString("run `minikube start`")))
                .andExpect(content().string(containsString("id=\"log-viewport\"")));
    }

    @Test
    void theViewerPageListsEachComponentsPodsAndOpensTheAskedSource() throws Exception {
        given(logs.componentPods("todo-app", "backend")).willReturn(List.of("todo-backend-7d9f-abcde"));
        given(logs.componentPods("todo-app", "frontend")).willReturn(List.of());

        mvc.perform(get("/logs?plan=todo-app&pod=todo-backend-7d9f-abcde"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("selected=\"selected\">todo-backend-7d9f-abcde</option>")))
                .andExpect(content().string(containsString("data-source=\"pod:todo-backend-7d9f-abcde\"")))
                .andExpect(content().string(containsString("data-plan=\"todo-app\"")));
    }

    @TestConfiguration
    @EnableConfigurationProperties(LogsProperties.class)
    static class Properties {
    }
}
