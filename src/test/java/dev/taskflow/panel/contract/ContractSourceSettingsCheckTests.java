package dev.taskflow.panel.contract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ContractSourceSettingsCheckTests {

    @TempDir
    Path folder;

    @Test
    void reportsThePortWithItsFileAndLine() throws Exception {
        Files.createDirectories(folder.resolve("backend/src"));
        Files.writeString(folder.resolve("backend/src/main.py"), "\nuvicorn.run(app, port=8000)\n");

        TaskOutcome outcome = check(folder).run(ContractFixtures.context(Map.of("what", "port")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).startsWith("backend port 8000 (backend/src/main.py:2)");
        assertThat(outcome.evidence().get(0).values()).containsEntry("backend port", "8000");
    }

    @Test
    void failsWhenThePrefixIsNowhereSayingWhereItLooked() throws Exception {
        Files.createDirectories(folder.resolve("backend/src"));
        Files.writeString(folder.resolve("backend/src/main.py"), "app = FastAPI()\n");

        TaskOutcome outcome = check(folder).run(ContractFixtures.context(Map.of("what", "api-prefix")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("The API prefix is not set").contains("backend/src/main.py");
    }

    @Test
    void anUnknownSettingNamesTheAllowedOnes() {
        TaskOutcome outcome = check(folder).run(ContractFixtures.context(Map.of("what", "colour")));

        assertThat(outcome.summary()).contains("use what=port or what=api-prefix");
    }

    private ContractSourceSettingsCheck check(Path app) {
        return new ContractSourceSettingsCheck(new ContractService(ContractFixtures.properties(app),
                ContractFixtures.workspace(folder.resolve("workspace"))));
    }
}
