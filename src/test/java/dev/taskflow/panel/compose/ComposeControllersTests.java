package dev.taskflow.panel.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import dev.taskflow.panel.web.Badges;
import dev.taskflow.panel.web.EventStreams;
import dev.taskflow.panel.web.FragmentRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The Compose page and API over a stand-in stack: status with state colours, Up with its output streamed live (and
 * resumed after a reconnect), logs, and faults as problem details or a message on the page.
 */
@WebMvcTest({ ComposeApiController.class, ComposePageController.class })
@Import({ PlanCatalog.class, Badges.class, ComposeOperations.class, ComposeEventStreams.class, EventStreams.class,
        FragmentRenderer.class })
class ComposeControllersTests {

    private static final ComposeStatus RUNNING = new ComposeStatus("taskflow", "/repo/docker-compose.yml", List.of(
            new ServiceStatus("backend", "taskflow_backend_1", "running", "healthy",
                    List.of("127.0.0.1:8000->8000/tcp"), Instant.parse("2026-11-22T02:00:00Z"), null, "exit 0"),
            new ServiceStatus("frontend", "taskflow_frontend_1", "exited", "none", List.of(), null, 1L, null)),
            false);

    @Autowired
    MockMvc mvc;

    @Autowired
    ComposeOperations operations;

    @MockitoBean
    ComposeStack stack;

    @BeforeEach
    void aStack() throws Exception {
        given(stack.file()).willReturn(Path.of("/repo/docker-compose.yml"));
        given(stack.project()).willReturn("taskflow");
        given(stack.envFile()).willReturn(Optional.empty());
        given(stack.properties()).willReturn(new ComposeProperties(null, "taskflow", null, Duration.ofMinutes(5),
                Duration.ofMinutes(2), java.net.URI.create("http://localhost:8000"),
                java.net.URI.create("http://localhost:3000"), "backend", "frontend", "/health", 20));
        given(stack.tool()).willReturn("docker-compose 1.29.2");
        given(stack.status()).willReturn(RUNNING);
    }

    @Test
    void theApiAnswersEachServicesContainerStateHealthPortsAndStart() throws Exception {
        mvc.perform(get("/api/compose"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.project").value("taskflow"))
                .andExpect(jsonPath("$.services[0].service").value("backend"))
                .andExpect(jsonPath("$.services[0].container").value("taskflow_backend_1"))
                .andExpect(jsonPath("$.services[0].health").value("healthy"))
                .andExpect(jsonPath("$.services[0].ports[0]").value("127.0.0.1:8000->8000/tcp"))
                .andExpect(jsonPath("$.services[0].startedAt").value("2026-11-22T02:00:00Z"))
                .andExpect(jsonPath("$.services[0].ready").value(true))
                .andExpect(jsonPath("$.services[1].state").value("exited"))
                .andExpect(jsonPath("$.services[1].exitCode").value(1))
                .andExpect(jsonPath("$.services[1].condition").value("exited"))
                .andExpect(jsonPath("$.healthy").value(false))
                .andExpect(jsonPath("$.condition").value("failing"));
    }

    @Test
    void aFailedUpThroughTheApiIsAConflictNamingTheCauseAndTheFix() throws Exception {
        given(stack.up(anyBoolean(), any())).willThrow(new ComposeException(ComposeException.Reason.SERVICE_FAILED,
                "Service 'backend' (container taskflow_backend_1) exited with code 3. Fix what the log shows."));

        mvc.perform(post("/api/compose/up").param("build", "true"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("exited with code 3")));
    }

    @Test
    void downThroughTheApiAnswersWhatItDid() throws Exception {
        given(stack.down(anyBoolean(), any())).willReturn(new ComposeOperation("down", "docker-compose 1.29.2",
                "docker-compose -p taskflow down -v", "Removing network taskflow_default", Duration.ofSeconds(3),
                Map.of(), List.of()));

        mvc.perform(post("/api/compose/down").param("volumes", "true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tool").value("docker-compose 1.29.2"))
                .andExpect(jsonPath("$.command").value("docker-compose -p taskflow down -v"))
                .andExpect(jsonPath("$.durationMs").value(3000));
    }

    @Test
    void logsAnswerTheLinesAnUnknownServiceIs404AndABadTail400() throws Exception {
        given(stack.logs("backend", 2)).willReturn(List.of("listening on 8000", "served /health"));
        given(stack.logs("database", 100)).willThrow(new PlanElementNotFoundException("compose service", "database",
                List.of("backend", "frontend")));
        given(stack.logs("backend", 0)).willThrow(new InvalidRequestException("tail must be between 1 and 5000"));

        mvc.perform(get("/api/compose/services/backend/logs").param("tail", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[1]").value("served /health"));
        mvc.perform(get("/api/compose/services/database/logs")).andExpect(status().isNotFound());
        mvc.perform(get("/api/compose/services/backend/logs").param("tail", "0")).andExpect(status().isBadRequest());
    }

    @Test
    void thePageShowsTheToolAndEachServiceInItsConditionsColour() throws Exception {
        String page = mvc.perform(get("/compose"))
                .andExpect(status().isOk())
                .andExpect(view().name("compose/compose"))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("docker-compose 1.29.2", "taskflow_backend_1", "127.0.0.1:8000-&gt;8000/tcp",
                "exit 1", "hx-post=\"/compose/up\"", "hx-post=\"/compose/down\"");
        assertThat(page).containsPattern("text-bg-success\"[^>]*data-condition=\"healthy\"")
                .containsPattern("text-bg-danger\"[^>]*data-condition=\"exited\"")
                .containsPattern("text-bg-danger\"[^>]*data-condition=\"failing\"");
    }

    @Test
    void withTheEngineDownThePageStillRendersAndSaysWhy() throws Exception {
        given(stack.status()).willThrow(new ComposeException(ComposeException.Reason.ENGINE_UNAVAILABLE,
                "The Docker engine does not answer at unix:///var/run/docker.sock. Start it."));

        mvc.perform(get("/compose"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("does not answer at unix:///var/run/docker.sock"),
                        containsString("the stack is down"))));
    }

    @Test
    void upFromThePageStreamsItsOutputAndAReconnectResumesAfterTheLastLineSeen() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        given(stack.up(anyBoolean(), any())).willAnswer(invocation -> {
            release.await();
            Consumer<String> onLine = invocation.getArgument(1);
            onLine.accept("Using docker-compose 1.29.2 for project 'taskflow'");
            onLine.accept("Creating taskflow_backend_1 ... done");
            return new ComposeOperation("up", "docker-compose 1.29.2", "docker-compose up -d", "", Duration
                    .ofSeconds(4), Map.of("backend", Duration.ofSeconds(3)), RUNNING.services());
        });

        mvc.perform(post("/compose/up").param("build", "true").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("data-live-source=\"/compose/operations/compose-up-"),
                        containsString("compose up"))));
        release.countDown();
        OperationView started = operations.latest().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> operations.operation(started.id()).finished());

        String all = stream(started.id(), null);
        String resumed = stream(started.id(), "1");

        assertThat(all).contains("id:1", "Using docker-compose 1.29.2", "id:2", "Creating taskflow_backend_1 ... done",
                "event:end", "Up with docker-compose 1.29.2 in 4.0 s: every service healthy");
        assertThat(all).contains("data-append-to=\"" + started.id() + "-lines\"");
        assertThat(resumed).doesNotContain("Using docker-compose").contains("id:2", "Creating taskflow_backend_1",
                "event:end");
    }

    @Test
    void aSecondUpWhileOneRunsIsRefusedOnThePage() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        given(stack.up(anyBoolean(), any())).willAnswer(invocation -> {
            release.await();
            return new ComposeOperation("up", "docker-compose", "up", "", Duration.ZERO, Map.of(), List.of());
        });
        try {
            mvc.perform(post("/compose/up").header("HX-Request", "true")).andExpect(status().isOk());

            mvc.perform(post("/compose/down").header("HX-Request", "true"))
                    .andExpect(status().isConflict())
                    .andExpect(content().string(allOf(containsString("busy with compose-up-"),
                            not(containsString("data-live-source")))));
        }
        finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> operations.latest().orElseThrow().finished());
    }

    private String stream(String id, String lastEventId) throws Exception {
        var request = get("/compose/operations/" + id + "/stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        MvcResult result = mvc.perform(request).andReturn();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> result.getResponse().getContentAsString().contains("event:end"));
        return result.getResponse().getContentAsString();
    }
}
