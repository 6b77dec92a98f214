package dev.taskflow.panel.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceSettingsScannerTests {

    @TempDir
    Path app;

    @Test
    void findsPortsPrefixAndFrontendBaseUrlWithFileAndLine() throws Exception {
        write("backend/src/main.py", """
                import uvicorn
                from fastapi import FastAPI
                from .config import settings

                app = FastAPI()
                app.include_router(tasks.router, prefix=settings.API_PREFIX)

                if __name__ == "__main__":
                    uvicorn.run("src.main:app", host="0.0.0.0", port=8000, reload=True)
                """);
        write("backend/src/config.py", """
                class Settings(BaseSettings):
                    DATABASE_URL: str
                    API_PREFIX: str = "/api/v1"
                """);
        write("frontend/package.json", """
                { "scripts": { "dev": "next dev -p 3000", "build": "next build" } }
                """);
        write("frontend/src/lib/api.ts", """
                const API_BASE = process.env.NEXT_PUBLIC_API_URL || "http://localhost:8000";
                """);
        write("frontend/node_modules/x/.env", "NEXT_PUBLIC_API_URL=http://ignored\n");

        SourceFindings findings = new SourceSettingsScanner(ContractFixtures.properties(app)).scan();

        assertThat(findings.finding(SourceFindings.BACKEND_PORT)).get()
                .satisfies(finding -> assertThat(finding.where()).isEqualTo("backend/src/main.py:9"))
                .extracting(SourceFinding::value).isEqualTo("8000");
        assertThat(findings.finding(SourceFindings.API_PREFIX)).get()
                .satisfies(finding -> assertThat(finding.where()).isEqualTo("backend/src/config.py:3"))
                .extracting(SourceFinding::value).isEqualTo("/api/v1");
        assertThat(findings.finding(SourceFindings.FRONTEND_PORT)).get().extracting(SourceFinding::value).isEqualTo("3000");
        assertThat(findings.finding(SourceFindings.FRONTEND_API_BASE_URL)).get()
                .satisfies(finding -> assertThat(finding.where()).isEqualTo("frontend/src/lib/api.ts:1"))
                .extracting(SourceFinding::value).isEqualTo("http://localhost:8000");
    }

    @Test
    void readsDockerfilePortsRouterPrefixesAndEnvFiles() throws Exception {
        write("backend/Dockerfile", """
                FROM python:3.12-slim
                CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "7860"]
                """);
        write("backend/Procfile", "web: uvicorn src.main:app --port 8000\n");
        write("backend/src/main.py", "app.include_router(api_router, prefix=\"/api\")\n");
        write("frontend/.env.local", "# where the API lives\nNEXT_PUBLIC_API_BASE_URL=https://me-taskflow.hf.space\n");

        SourceFindings findings = new SourceSettingsScanner(ContractFixtures.properties(app)).scan();

        assertThat(findings.finding(SourceFindings.BACKEND_PORT).orElseThrow().where()).isEqualTo("backend/Dockerfile:2");
        assertThat(findings.finding(SourceFindings.BACKEND_PORT).orElseThrow().value()).isEqualTo("7860");
        assertThat(findings.finding(SourceFindings.API_PREFIX).orElseThrow().where()).isEqualTo("backend/src/main.py:1");
        assertThat(findings.finding(SourceFindings.API_PREFIX).orElseThrow().value()).isEqualTo("/api");
        assertThat(findings.finding(SourceFindings.FRONTEND_API_BASE_URL).orElseThrow().where())
                .isEqualTo("frontend/.env.local:2");
        assertThat(findings.finding(SourceFindings.FRONTEND_API_BASE_URL).orElseThrow().value())
                .isEqualTo("https://me-taskflow.hf.space");
    }

    @Test
    void aSettingNotInTheSourceSaysWhereThePanelLooked() throws Exception {
        write("backend/src/main.py", "app = FastAPI()\n");

        SourceFindings findings = new SourceSettingsScanner(ContractFixtures.properties(app)).scan();

        SourceFinding port = findings.finding(SourceFindings.BACKEND_PORT).orElseThrow();
        assertThat(port.found()).isFalse();
        assertThat(port.where()).isEqualTo("not found, looked in: backend/src/main.py");
    }

    @Test
    void aMissingAppCheckoutSaysWhichSettingToSet() {
        Path missing = app.resolve("nowhere");

        assertThatThrownBy(() -> new SourceSettingsScanner(ContractFixtures.properties(missing)).scan())
                .isInstanceOf(AppSourceException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("set panel.contract.app-root=/path/to/your/app");
    }

    private void write(String relative, String content) throws IOException {
        Path file = app.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
