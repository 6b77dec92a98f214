package dev.taskflow.panel.image;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.web.Badges;
import dev.taskflow.panel.web.EventStreams;
import dev.taskflow.panel.web.FragmentRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The Images page and API over mocked services: what they show, the status codes, the htmx fragment. */
@WebMvcTest({ ImageApiController.class, ImagesPageController.class })
@Import({ PlanCatalog.class, Badges.class, EventStreams.class, FragmentRenderer.class })
class ImageControllersTests {

    static final ComponentImage BACKEND = new ComponentImage("taskflow", "backend", Path.of("/app/backend"),
            Path.of("/repo/dockerfiles/backend.Dockerfile"), "taskflow-backend", "1.0.0", Map.of(), 500, "/health",
            8000, Map.of());

    static final ComponentImage FRONTEND = new ComponentImage("taskflow", "frontend", Path.of("/app/frontend"),
            Path.of("/repo/dockerfiles/frontend.Dockerfile"), "taskflow-frontend", "1.0.0", Map.of(), 300, "/",
            3000, Map.of());

    static final ImageReport REPORT = new ImageReport("taskflow", "backend", "taskflow-backend:1.0.0", "sha256:abc",
            List.of("taskflow-backend:1.0.0", "taskflow-backend:latest"), 612_000_000L, 500, "2026-11-22T00:00:00Z",
            "10001:10001", List.of("8000/tcp"), 8000, Map.of(ImageService.REVISION_LABEL, "0123abc"),
            List.of(new Layer("COPY . .", 12_000_000L, Instant.EPOCH)));

    @Autowired
    MockMvc mvc;

    @Autowired
    FragmentRenderer renderer;

    @MockitoBean
    ImageService images;

    @MockitoBean
    ImageBuilds builds;

    @MockitoBean
    ImageViews views;

    @MockitoBean
    ImageDelivery delivery;

    @BeforeEach
    void setUp() {
        given(images.component("taskflow", "backend")).willReturn(BACKEND);
        given(delivery.choose()).willReturn(DeliveryResult.Path.MINIKUBE_LOAD);
        given(delivery.currentContext()).willReturn(Optional.of("minikube"));
        HistoryScan leaky = new HistoryScan("taskflow-backend:1.0.0", 1, List.of(new HistoryScan.Finding(
                "ENV OPENAI_API_KEY", "OPENAI_API_KEY", "sha256:1a2b3c4d", 24)));
        BuildRecord failed = new BuildRecord("taskflow", "frontend", BuildRecord.Status.FAILED,
                "There is no Dockerfile at /repo/dockerfiles/frontend.Dockerfile: create it", 
                ImageBuildException.Reason.NO_DOCKERFILE, null, List.of(), 0, 0, Instant.EPOCH, 3, List.of());
        given(views.all("taskflow")).willReturn(List.of(
                new ComponentView(BACKEND, REPORT, leaky, null, false, null, null),
                new ComponentView(FRONTEND, null, null, failed, false, null, null)));
    }

    @Test
    void thePageShowsEachComponentsSizeAgainstItsBudgetScanAndLastFailure() throws Exception {
        mvc.perform(get("/images"))
                .andExpect(status().isOk())
                .andExpect(view().name("images/images"))
                .andExpect(content().string(containsString("612.0 MB of 500 MB")))
                .andExpect(content().string(containsString("bg-danger")))
                .andExpect(content().string(containsString("ENV OPENAI_API_KEY: OPENAI_API_KEY sha256:1a2b3c4d (24 chars)")))
                .andExpect(content().string(containsString("There is no Dockerfile at /repo/dockerfiles/frontend.Dockerfile")))
                .andExpect(content().string(containsString("id=\"build-backend\"")))
                .andExpect(content().string(containsString("minikube image load")));
    }

    @Test
    void anHtmxBuildAnswersTheCardThatFollowsTheBuildStream() throws Exception {
        given(views.one("taskflow", "backend")).willReturn(new ComponentView(BACKEND, null, null, null, true,
                new BuildProgress(2, 8, 12, "Step 2/8 : COPY requirements.txt ."), null));

        mvc.perform(post("/images/taskflow/backend/build").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-live-source=\"/images/taskflow/backend/build/stream\"")))
                .andExpect(content().string(containsString("Step 2 of 8")))
                .andExpect(content().string(containsString("id=\"cancel-backend\"")))
                .andExpect(content().string(not(containsString("<html"))));
    }

    @Test
    void aPlainFormBuildRedirectsToThePage() throws Exception {
        mvc.perform(post("/images/taskflow/backend/build"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/images?plan=taskflow"));
    }

    @Test
    void theApiStartsABuildAndSaysWhereItsEventsStream() throws Exception {
        given(builds.start("taskflow", "backend")).willReturn(new ImageBuilds.LiveBuild("taskflow", "backend",
                Instant.parse("2026-11-22T01:00:00Z")));

        mvc.perform(post("/api/images/taskflow/backend/build"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/images/taskflow/backend/build/events"))
                .andExpect(jsonPath("$.events").value("/api/images/taskflow/backend/build/events"));
    }

    @Test
    void anImageThatWasNotBuiltIsNotFound() throws Exception {
        given(images.requireReport("taskflow", "backend")).willThrow(new ImageNotBuiltException("taskflow-backend:1.0.0"));

        mvc.perform(get("/api/images/taskflow/backend"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("build it first")));
    }

    @Test
    void theReportIsServedAsJson() throws Exception {
        given(images.requireReport("taskflow", "backend")).willReturn(REPORT);

        mvc.perform(get("/api/images/taskflow/backend"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tags[1]").value("taskflow-backend:latest"))
                .andExpect(jsonPath("$.budgetMb").value(500))
                .andExpect(jsonPath("$.layers[0].sizeBytes").value(12_000_000))
                .andExpect(jsonPath("$.labels['org.opencontainers.image.revision']").value("0123abc"));
    }

    @Test
    void theStreamedFragmentsRenderOutsideARequestLikeThePageRendersThem() {
        ComponentView finished = new ComponentView(BACKEND, REPORT, null, new BuildRecord("taskflow", "backend",
                BuildRecord.Status.SUCCEEDED, null, null, "sha256:abc", REPORT.tags(), 8, 6, Instant.EPOCH, 2300,
                List.of()), false, null, null);

        String card = renderer.render("images/fragments", "card", Map.of("planId", "taskflow", "view", finished));
        String progress = renderer.render("images/fragments", "progress", Map.of("component", "backend", "progress",
                new BuildProgress(3, 8, 25, "Step 3/8 : RUN pip install")));
        String line = renderer.render("images/fragments", "line", Map.of("component", "backend", "text", "<b>x</b>"));

        assertThat(card).contains("id=\"image-backend\"").contains("8 steps (6 from cache) in 2.3 s")
                .contains("action=\"/images/taskflow/backend/build\"");
        assertThat(progress).contains("id=\"image-backend-progress\"").contains("Step 3 of 8").contains("width: 25%");
        assertThat(line).contains("data-append-to=\"image-backend-log\"").contains("&lt;b&gt;x&lt;/b&gt;");
    }

    @Test
    void anUnknownPlanIsNotFound() throws Exception {
        mvc.perform(get("/api/images/nope")).andExpect(status().isNotFound());
    }
}
