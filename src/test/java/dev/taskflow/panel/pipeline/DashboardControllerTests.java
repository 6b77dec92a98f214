package dev.taskflow.panel.pipeline;

import java.util.List;

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
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(DashboardController.class)
@Import({ PlanCatalog.class, Badges.class })
class DashboardControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PlanViews views;

    @MockitoBean
    RunService runs;

    @MockitoBean
    RunEventStreams streams;

    @MockitoBean
    RunEventHtml html;

    @BeforeEach
    void plans() {
        given(views.view("taskflow")).willReturn(PlanViewSamples.taskflow());
        given(views.plans()).willReturn(new PlanCatalog().plans());
        given(runs.runs("taskflow")).willReturn(List.of());
        given(html.tasksOf("taskflow")).willReturn(PlanViewSamples.tasks());
    }

    @Test
    void overviewShowsEachPhaseWithProgressCheckpointAndTheStop() throws Exception {
        mvc.perform(get("/plans/taskflow"))
                .andExpect(status().isOk())
                .andExpect(view().name("pipeline/overview"))
                .andExpect(content().string(allOf(containsString("Setup &amp; Prerequisites"),
                        containsString("1 / 3 done"), containsString("Checkpoint failed: T008 failed"),
                        containsString("name=\"reason\""), containsString("STOPPED: the checkpoint of"),
                        containsString("hx-post=\"/plans/taskflow/phases/phase-1/run\""),
                        containsString("Plan: <span>TaskFlow</span>"), containsString("/plans/todo-app"))));
    }

    @Test
    void htmxAsksTheSameUrlForJustThePhases() throws Exception {
        mvc.perform(get("/plans/taskflow").header("HX-Request", "true"))
                .andExpect(view().name("pipeline/overview :: phases"))
                .andExpect(content().string(allOf(containsString("id=\"phases\""), not(containsString("<html")))));
    }

    @Test
    void phasePageListsTasksWithStatusEvidenceAndTheManualForm() throws Exception {
        mvc.perform(get("/plans/taskflow/phases/phase-1"))
                .andExpect(view().name("pipeline/phase"))
                .andExpect(content().string(allOf(containsString("Verify Minikube installation"),
                        containsString("data-status=\"failed\""), containsString("Evidence (<span>1</span>)"),
                        containsString("searched: /usr/bin"), containsString("Write DEPLOYMENT.md"),
                        containsString("hx-post=\"/plans/taskflow/tasks/T068/done\""),
                        containsString("<span>Tools verified</span>"))));
    }

    @Test
    void runningAPhaseFromThePageReturnsTheLiveRunCard() throws Exception {
        given(runs.start(any())).willReturn(PlanViewSamples.queuedRun());

        mvc.perform(post("/plans/taskflow/phases/phase-1/run").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(view().name("pipeline/fragments :: run-card"))
                .andExpect(content().string(allOf(
                        containsString("data-live-source=\"/runs/run-20261122-100000-abcd/stream\""),
                        containsString("id=\"run-run-20261122-100000-abcd-T008\""), containsString("queued"))));
        verify(runs).start(new RunRequest("taskflow", "phase-1", List.of()));
    }

    @Test
    void runningWithoutHtmxRedirectsToTheRunPage() throws Exception {
        given(runs.start(any())).willReturn(PlanViewSamples.queuedRun());

        mvc.perform(post("/plans/taskflow/tasks/T007/run"))
                .andExpect(redirectedUrl("/runs/run-20261122-100000-abcd"));
        verify(runs).start(new RunRequest("taskflow", null, List.of("T007")));
    }

    @Test
    void aRefusedActionShowsItsMessageInTheErrorArea() throws Exception {
        given(runs.markDone(eq("taskflow"), eq("T068"), anyString()))
                .willThrow(new InvalidRequestException("Say what you did for T068 in the note: it becomes the evidence."));

        mvc.perform(post("/plans/taskflow/tasks/T068/done").param("note", "").header("HX-Request", "true"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("HX-Retarget", "#error-area"))
                .andExpect(content().string(allOf(containsString("alert-danger"),
                        containsString("Say what you did for T068"), not(containsString("<html")))));
    }

    @Test
    void anUnknownPlanGetsTheErrorPage() throws Exception {
        given(views.view("nope")).willThrow(new PlanElementNotFoundException("plan", "nope", List.of("taskflow")));

        mvc.perform(get("/plans/nope"))
                .andExpect(status().isNotFound())
                .andExpect(view().name("error"))
                .andExpect(content().string(containsString("Unknown plan &#39;nope&#39;")));
    }

    @Test
    void runPageShowsTheRunCardThatFollowsTheRun() throws Exception {
        given(runs.run("run-20261122-100000-abcd")).willReturn(PlanViewSamples.queuedRun());

        mvc.perform(get("/runs/run-20261122-100000-abcd"))
                .andExpect(view().name("pipeline/run"))
                .andExpect(content().string(allOf(containsString("Verify Docker Desktop installation"),
                        containsString("Cancel"), containsString("data-live-source"))));
    }

    @Test
    void cancellingFromThePageSwapsTheRunHeader() throws Exception {
        given(runs.cancel("run-20261122-100000-abcd")).willReturn(PlanViewSamples.queuedRun());

        mvc.perform(post("/runs/run-20261122-100000-abcd/cancel").header("HX-Request", "true"))
                .andExpect(view().name("pipeline/fragments :: run-header"))
                .andExpect(content().string(containsString("id=\"run-run-20261122-100000-abcd-header\"")));
    }
}
