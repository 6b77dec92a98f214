package dev.taskflow.panel.contract;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.taskflow.panel.checks.TargetRegistry;
import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.web.Badges;
import org.junit.jupiter.api.BeforeEach;
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
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest({ ContractApiController.class, ContractPageController.class })
@Import({ PlanCatalog.class, Badges.class })
class ContractControllersTests {

    static final URI PRODUCTION = URI.create("https://prod.hf.space");

    static final ApiEndpoint HEALTH = new ApiEndpoint("GET", "/health", false, List.of(), List.of("200"), "health", "Health");

    static final ApiEndpoint CREATE = new ApiEndpoint("POST", "/api/v1/tasks", true, List.of("description", "title"),
            List.of("201", "401"), "create", "Create Task");

    static final ApiContract CONTRACT = new ApiContract(PRODUCTION + "/openapi.json", Instant.parse("2026-01-10T10:00:00Z"),
            List.of(CREATE, HEALTH));

    static final FrozenContract FROZEN = new FrozenContract(CONTRACT.source(), CONTRACT.capturedAt(),
            "sha256:" + "ab".repeat(32), CONTRACT);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ContractService contracts;

    @MockitoBean
    SourceGuard guard;

    @MockitoBean
    ContractTargets targets;

    @MockitoBean
    TargetRegistry registry;

    @BeforeEach
    void setUp() {
        given(targets.backend("production")).willReturn(PRODUCTION);
        given(contracts.properties()).willReturn(ContractFixtures.properties(java.nio.file.Path.of("app")));
        given(registry.all()).willReturn(List.of());
    }

    @Test
    void theFrozenContractIsServedAsJson() throws Exception {
        given(contracts.frozen()).willReturn(Optional.of(FROZEN));

        mvc.perform(get("/api/contract/frozen"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.contentHash").value(FROZEN.contentHash()))
                .andExpect(jsonPath("$.contract.endpoints[0].path").value("/api/v1/tasks"))
                .andExpect(jsonPath("$.contract.endpoints[0].requiresAuth").value(true));
    }

    @Test
    void askingForTheFrozenContractBeforeAFreezeIsAConflictSayingHowToFreeze() throws Exception {
        given(contracts.frozen()).willReturn(Optional.empty());

        mvc.perform(get("/api/contract/frozen"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("POST /api/contract/freeze")));
    }

    @Test
    void extractingFromATargetThatIsDownIsAProblemNamingTheUrl() throws Exception {
        given(contracts.extract(PRODUCTION)).willThrow(new ContractSourceUnavailableException(
                "Nothing answers at https://prod.hf.space/openapi.json (connection refused)"));

        mvc.perform(post("/api/contract/extract").contentType(MediaType.APPLICATION_JSON).content("{\"target\":\"production\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("https://prod.hf.space/openapi.json")));
    }

    @Test
    void freezingReturnsTheFilesAndMissingEndpoints() throws Exception {
        given(contracts.extract(PRODUCTION)).willReturn(CONTRACT);
        given(contracts.freeze(CONTRACT)).willReturn(new FreezeResult(FROZEN, "/ws/contracts/contracts-freeze.json",
                "/ws/contracts/contracts-freeze.md", List.of("POST /api/v1/chat")));

        mvc.perform(post("/api/contract/freeze").contentType(MediaType.APPLICATION_JSON).content("{\"target\":\"production\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jsonFile").value("/ws/contracts/contracts-freeze.json"))
                .andExpect(jsonPath("$.missingEndpoints[0]").value("POST /api/v1/chat"))
                .andExpect(jsonPath("$.complete").value(false));
    }

    @Test
    void driftIsComputedAgainstTheFrozenContract() throws Exception {
        URI minikube = URI.create("http://127.0.0.1:30080");
        ApiContract live = new ApiContract(minikube + "/openapi.json", Instant.EPOCH, List.of(HEALTH));
        given(targets.backend("minikube")).willReturn(minikube);
        given(contracts.frozenContract()).willReturn(Optional.of(CONTRACT));
        given(contracts.extract(minikube)).willReturn(live);
        given(contracts.drift(CONTRACT, live)).willReturn(ContractDrift.between(CONTRACT, live));

        mvc.perform(get("/api/contract/drift").param("target", "minikube"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.removed[0].path").value("/api/v1/tasks"))
                .andExpect(jsonPath("$.breaking").value(true));
    }

    @Test
    void sourceFindingsAndImmutabilityAreServed() throws Exception {
        given(contracts.sourceFindings()).willReturn(new SourceFindings("/app", List.of(
                new SourceFinding("backend port", "8000", "backend/src/main.py", 12, List.of()))));
        given(guard.check()).willReturn(new ImmutabilityReport("/app", "abc123", "main", List.of()));

        mvc.perform(get("/api/contract/source-findings"))
                .andExpect(jsonPath("$.findings[0].where").value("backend/src/main.py:12"));
        mvc.perform(get("/api/contract/immutability"))
                .andExpect(jsonPath("$.commit").value("abc123"))
                .andExpect(jsonPath("$.clean").value(true));
    }

    @Test
    void thePageShowsTheFrozenTableMarkedImmutableAndTheSourceFindings() throws Exception {
        given(contracts.frozen()).willReturn(Optional.of(FROZEN));
        given(contracts.missingEndpoints(CONTRACT)).willReturn(List.of());
        given(contracts.sourceFindings()).willReturn(new SourceFindings("/app", List.of(
                new SourceFinding("backend port", "8000", "backend/src/main.py", 12, List.of()),
                new SourceFinding("API prefix", null, null, 0, List.of("backend/src/config.py")))));

        mvc.perform(get("/contract"))
                .andExpect(status().isOk())
                .andExpect(view().name("contract/contract"))
                .andExpect(content().string(allOf(containsString("IMMUTABLE"), containsString(FROZEN.contentHash()),
                        containsString("bi-lock-fill"), containsString("/api/v1/tasks"),
                        containsString("backend/src/main.py:12"), containsString("not found, looked in: backend/src/config.py"),
                        containsString("hx-post=\"/contract/freeze\""), not(containsString("missing-endpoints")))));
    }

    @Test
    void aHandEditedFreezeIsShownOnThePageSoItCanBeFrozenAgain() throws Exception {
        given(contracts.frozen()).willThrow(new FrozenContractTamperedException("was edited by hand: sha256:1 vs sha256:2"));
        given(contracts.sourceFindings()).willThrow(new AppSourceException("set panel.contract.app-root=/path/to/your/app"));

        mvc.perform(get("/contract"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("was edited by hand: sha256:1 vs sha256:2"),
                        containsString("set panel.contract.app-root"), containsString("freeze-form"))));
    }

    @Test
    void anHtmxFreezeReturnsTheFrozenCardNamingMissingEndpoints() throws Exception {
        given(contracts.extract(PRODUCTION)).willReturn(CONTRACT);
        given(contracts.freeze(CONTRACT)).willReturn(new FreezeResult(FROZEN, "a.json", "a.md", List.of("POST /api/v1/chat")));

        mvc.perform(post("/contract/freeze").param("target", "production").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(view().name("contract/contract :: frozen"))
                .andExpect(content().string(allOf(containsString("id=\"frozen\""), containsString("missing-endpoints"),
                        containsString("POST /api/v1/chat"), not(containsString("<nav")))));
    }

    @Test
    void anHtmxFreezeFromATargetThatIsDownGoesToTheErrorArea() throws Exception {
        given(contracts.extract(any())).willThrow(new ContractSourceUnavailableException("Nothing answers at x"));

        mvc.perform(post("/contract/freeze").param("target", "production").header("HX-Request", "true"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("HX-Retarget", "#error-area"))
                .andExpect(content().string(containsString("Nothing answers at x")));
    }

    @Test
    void anHtmxDriftReturnsTheSideBySideRowsColouredByState() throws Exception {
        URI minikube = URI.create("http://127.0.0.1:30080");
        ApiEndpoint changedCreate = new ApiEndpoint("POST", "/api/v1/tasks", false, List.of("title"), List.of("201"),
                "create", "Create Task");
        ApiEndpoint added = new ApiEndpoint("GET", "/api/v1/stats", true, List.of(), List.of("200"), "stats", "Stats");
        ApiContract live = new ApiContract(minikube + "/openapi.json", Instant.EPOCH, List.of(added, changedCreate));
        given(targets.backend("minikube")).willReturn(minikube);
        given(contracts.frozenContract()).willReturn(Optional.of(CONTRACT));
        given(contracts.extract(minikube)).willReturn(live);
        given(contracts.drift(CONTRACT, live)).willReturn(ContractDrift.between(CONTRACT, live));

        mvc.perform(get("/contract/drift").param("target", "minikube").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(view().name("contract/contract :: drift"))
                .andExpect(content().string(allOf(containsString("breaking drift"),
                        containsString("data-state=\"added\""), containsString("table-success"),
                        containsString("data-state=\"removed\""), containsString("table-danger"),
                        containsString("data-state=\"changed\""), containsString("table-warning"),
                        containsString("1 added, 1 removed, 1 changed, 0 unchanged"))));
    }
}
