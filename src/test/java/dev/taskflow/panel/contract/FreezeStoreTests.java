package dev.taskflow.panel.contract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreezeStoreTests {

    @TempDir
    Path folder;

    private final Instant frozenAt = Instant.parse("2026-01-10T10:00:00Z");

    private final ApiContract contract = new ApiContract("https://prod.hf.space/openapi.json", frozenAt, List.of(
            new ApiEndpoint("GET", "/health", false, List.of(), List.of("200"), "health", "Health"),
            new ApiEndpoint("POST", "/api/v1/tasks", true, List.of("description", "title"), List.of("201", "401"),
                    "create_task", "Create | Task")));

    @Test
    void writesTheJsonAndAMarkdownTableMarkedImmutable() throws Exception {
        FreezeStore store = new FreezeStore(ContractFixtures.workspace(folder));

        FrozenContract frozen = store.write(contract, frozenAt);

        Path json = folder.resolve("contracts/contracts-freeze.json");
        Path markdown = folder.resolve("contracts/contracts-freeze.md");
        assertThat(json).exists();
        assertThat(Files.readString(json)).contains("\"contentHash\" : \"" + frozen.contentHash() + "\"")
                .contains("2026-01-10T10:00:00Z").contains("IMMUTABLE");
        assertThat(Files.readString(markdown))
                .startsWith("# API contract freeze — IMMUTABLE")
                .contains("- **Source:** https://prod.hf.space/openapi.json")
                .contains("- **Frozen at:** 2026-01-10T10:00:00Z")
                .contains("`" + frozen.contentHash() + "`")
                .contains("| POST | `/api/v1/tasks` | bearer token | description, title | 201, 401 | Create \\| Task |")
                .contains("| GET | `/health` | none | — | 200 | Health |");
    }

    @Test
    void theHashIsOfTheEndpointsAloneAndReadingBackChecksIt() {
        FreezeStore store = new FreezeStore(ContractFixtures.workspace(folder));
        FrozenContract frozen = store.write(contract, frozenAt);
        ApiContract sameEndpointsElsewhere = new ApiContract("other", Instant.EPOCH, contract.endpoints());

        assertThat(frozen.contentHash()).matches("sha256:[0-9a-f]{64}")
                .isEqualTo(store.hash(sameEndpointsElsewhere.endpoints()));
        assertThat(store.read()).get().satisfies(read -> {
            assertThat(read.contract()).isEqualTo(contract);
            assertThat(read.frozenAt()).isEqualTo(frozenAt);
            assertThat(read.source()).isEqualTo(contract.source());
        });
    }

    @Test
    void nothingFrozenReadsAsEmpty() {
        assertThat(new FreezeStore(ContractFixtures.workspace(folder)).read()).isEmpty();
    }

    @Test
    void aHandEditedFileFailsNamingBothHashesAndTheFix() throws Exception {
        FreezeStore store = new FreezeStore(ContractFixtures.workspace(folder));
        FrozenContract frozen = store.write(contract, frozenAt);
        Path json = folder.resolve("contracts/contracts-freeze.json");
        Files.writeString(json, Files.readString(json).replace("\"/api/v1/tasks\"", "\"/api/v2/tasks\""));
        String edited = store.hash(List.of(contract.endpoints().get(0), new ApiEndpoint("POST", "/api/v2/tasks", true,
                List.of("description", "title"), List.of("201", "401"), "create_task", "Create | Task")));

        assertThatThrownBy(store::read)
                .isInstanceOf(FrozenContractTamperedException.class)
                .hasMessageContaining("was edited by hand")
                .hasMessageContaining("hash to " + edited)
                .hasMessageContaining("the file records " + frozen.contentHash())
                .hasMessageContaining("git checkout -- contracts-freeze.json")
                .hasMessageContaining("freeze again");
    }

    @Test
    void aFileThatNoLongerParsesFailsWithTheSameAdvice() throws Exception {
        FreezeStore store = new FreezeStore(ContractFixtures.workspace(folder));
        store.write(contract, frozenAt);
        Files.writeString(folder.resolve("contracts/contracts-freeze.json"), "{ not json");

        assertThatThrownBy(store::read)
                .isInstanceOf(FrozenContractTamperedException.class)
                .hasMessageContaining("cannot be read")
                .hasMessageContaining("freeze again from production");
    }
}
