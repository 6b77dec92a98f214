package dev.taskflow.panel.release;

import java.time.Instant;
import java.util.List;

import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.web.Badges;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest({ ReleaseApiController.class, ReleasePageController.class })
@Import({ PlanCatalog.class, Badges.class })
class ReleaseControllersTests {

    static final Instant WHEN = Instant.parse("2026-11-22T02:00:00Z");

    static final ReleaseOverview INSTALLED = new ReleaseOverview("taskflow", "default", true,
            new ReleaseStatus("taskflow", "default", "deployed", 2, WHEN, "taskflow-1.0.0", null, null), List.of(
                    new ReleaseOverview.RevisionEntry(2, WHEN, "deployed", "taskflow-1.0.0",
                            "Upgrade by the TaskFlow panel: --set backend.replicaCount", "ana via the panel",
                            List.of("backend.replicaCount: 1 → 3")),
                    new ReleaseOverview.RevisionEntry(1, WHEN, "superseded", "taskflow-1.0.0", "Install complete",
                            "outside the panel", List.of())), null);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ReleaseService releases;

    @Test
    void thePageShowsTheHistoryWithWhoAndWhatChangedAndOffersRollbackForOlderRevisions() throws Exception {
        given(releases.release()).willReturn("taskflow");
        given(releases.namespace()).willReturn("default");
        given(releases.chart()).willReturn(java.nio.file.Path.of("/repo/helm/taskflow"));
        given(releases.overview()).willReturn(INSTALLED);

        mvc.perform(get("/release"))
                .andExpect(status().isOk())
                .andExpect(view().name("release/release"))
                .andExpect(content().string(allOf(containsString("ana via the panel"),
                        containsString("backend.replicaCount: 1 → 3"), containsString("deployed · revision 2"),
                        containsString("id=\"revision-1\""), containsString("Roll back to revision 1?"),
                        not(containsString("Roll back to revision 2?")))));
    }

    @Test
    void anUnreachableClusterIsShownInTheHistoryCardAndThePageStaysUsable() throws Exception {
        given(releases.release()).willReturn("taskflow");
        given(releases.namespace()).willReturn("default");
        given(releases.chart()).willReturn(java.nio.file.Path.of("/repo/helm/taskflow"));
        given(releases.overview()).willReturn(new ReleaseOverview("taskflow", "default", false, null, List.of(),
                "helm history failed: no kubeconfig. Run `minikube start`."));

        mvc.perform(get("/release"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"history-problem\""),
                        containsString("minikube start"), containsString("id=\"install-button\""))));
    }

    @Test
    void anUpgradeTakesOneSetPairPerLineAndTellsThePageToReloadTheHistory() throws Exception {
        given(releases.upgrade(eq("taskflow"), anyList())).willReturn(new ReleaseStatus("taskflow", "default",
                "deployed", 3, WHEN, "taskflow-1.0.0", null, "NOTES: open http://192.168.49.2:30080"));

        mvc.perform(post("/release/upgrade").header("HX-Request", "true").param("plan", "taskflow")
                        .param("sets", "backend.replicaCount=3\r\nfrontend.replicaCount=2"))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Trigger", containsString(ReleasePageController.RELEASE_CHANGED)))
                .andExpect(content().string(allOf(containsString("Upgraded"), containsString("revision 3"),
                        containsString("192.168.49.2:30080"))));
        verify(releases).upgrade("taskflow", List.of("backend.replicaCount=3", "frontend.replicaCount=2"));
    }

    @Test
    void theDiffFragmentColoursRemovedAndAddedLines() throws Exception {
        given(releases.diff(1, 2)).willReturn(new ManifestDiff("taskflow", 1, 2, List.of(
                new ManifestDiff.ResourceChange("Deployment", "taskflow-backend", ManifestDiff.Change.CHANGED,
                        "@@ -1,1 +1,1 @@\n-  replicas: 1\n+  replicas: 3\n"),
                new ManifestDiff.ResourceChange("Service", "taskflow-backend-service", ManifestDiff.Change.UNCHANGED,
                        ""))));

        mvc.perform(get("/release/diff").header("HX-Request", "true").param("from", "1").param("to", "2"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("1 resource(s) differ"),
                        containsString("<span class=\"text-danger\">-  replicas: 1"),
                        containsString("<span class=\"text-success\">+  replicas: 3"),
                        not(containsString("taskflow-backend-service")))));
    }

    @Test
    void theApiAnswersTheOverviewAsJson() throws Exception {
        given(releases.overview()).willReturn(INSTALLED);

        mvc.perform(get("/api/releases"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status.revision").value(2))
                .andExpect(jsonPath("$.revisions[0].actor").value("ana via the panel"))
                .andExpect(jsonPath("$.revisions[1].status").value("superseded"));
    }

    @Test
    void aHelmFailureIsAConflictNamingTheReasonAndTheFix() throws Exception {
        given(releases.rollback(7)).willThrow(ReleaseOperationException.from("rollback", "taskflow", "default",
                "Kubernetes cluster unreachable: connection refused"));

        mvc.perform(post("/api/releases/rollback").contentType(MediaType.APPLICATION_JSON).content("{\"revision\":7}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("minikube start")));
    }

    @Test
    void setPairsThatDoNotParseAreABadRequest() throws Exception {
        given(releases.upgrade(any(), anyList())).willThrow(new InvalidRequestException("These --set pairs do not "
                + "parse: #1 'replicas'."));

        mvc.perform(post("/api/releases/upgrade").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sets\":[\"replicas\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("#1 'replicas'")));
    }
}
