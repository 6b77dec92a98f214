package dev.taskflow.panel.pipeline;

import java.util.List;

import dev.taskflow.panel.web.Badges;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(RunApiController.class)
@Import({ PlanCatalog.class, Badges.class })
class RunApiControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RunService runs;

    @MockitoBean
    RunEventStreams streams;

    @Test
    void startingARunAnswers202WithItsLocation() throws Exception {
        given(runs.start(any())).willReturn(PlanViewSamples.queuedRun());

        mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"plan\":\"taskflow\",\"phase\":\"phase-1\"}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/runs/run-20261122-100000-abcd"))
                .andExpect(jsonPath("$.id").value("run-20261122-100000-abcd"))
                .andExpect(jsonPath("$.status").value("queued"))
                .andExpect(jsonPath("$.results[1].taskId").value("T008"));
    }

    @Test
    void aMalformedBodyIsAProblemNamingTheExpectedShape() throws Exception {
        mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{\"plan\": taskflow"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Malformed request body"))
                .andExpect(jsonPath("$.detail").value(containsString("{\"plan\":\"taskflow\",\"phase\":\"phase-1\"}")));
    }

    @Test
    void anUnknownPlanIsA404Problem() throws Exception {
        given(runs.start(any())).willThrow(new PlanElementNotFoundException("plan", "nope", List.of("taskflow")));

        mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{\"plan\":\"nope\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Unknown plan 'nope'. Known plans: taskflow."));
    }

    @Test
    void cancellingAnEndedRunIsAConflict() throws Exception {
        given(runs.cancel("run-1")).willThrow(new ConflictException("Run run-1 has already ended (passed)"));

        mvc.perform(post("/api/runs/run-1/cancel"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("already ended")));
    }

    @Test
    void listsRunsOfOnePlan() throws Exception {
        given(runs.runs("taskflow")).willReturn(List.of(PlanViewSamples.queuedRun()));

        mvc.perform(get("/api/runs").param("plan", "taskflow"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].plan").value("taskflow"))
                .andExpect(jsonPath("$[0].scope.phase").value("phase-1"));
    }
}
