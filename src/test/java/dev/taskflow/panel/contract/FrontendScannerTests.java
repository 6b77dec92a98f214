package dev.taskflow.panel.contract;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrontendScannerTests {

    @Test
    void findsTheBackendBaseUrlAndApiPathsInThePageAndItsNextScripts() {
        try (ContractFixtures.StandIn frontend = new ContractFixtures.StandIn()) {
            frontend.serve("/", 200, "text/html", """
                    <!DOCTYPE html><html><head>
                    <script src="/_next/static/chunks/app/page-abc.js" async></script>
                    <link rel="preload" href="/_next/static/chunks/main-1.js" as="script">
                    </head><body><a href="https://nextjs.org/docs">docs</a></body></html>
                    """);
            frontend.serve("/_next/static/chunks/app/page-abc.js", 200, "application/javascript", """
                    let b="https://me-taskflow.hf.space";fetch(`${b}/api/v1/tasks/${id}`);fetch(b+"/api/v1/auth/login")
                    """);
            frontend.serve("/_next/static/chunks/main-1.js", 200, "application/javascript",
                    "var x=\"http://www.w3.org/2000/svg\";fetch(\"https://me-taskflow.hf.space/api/v1/chat\")");

            FrontendScanner.FrontendCalls calls = new FrontendScanner(new HttpFetcher(Duration.ofSeconds(5)))
                    .scan(frontend.base());

            assertThat(calls.scripts()).hasSize(2);
            assertThat(calls.baseUrls()).containsExactly("https://me-taskflow.hf.space");
            assertThat(calls.apiPaths()).contains("/api/v1/auth/login", "/api/v1/chat").anyMatch(path -> path.startsWith("/api/v1/tasks/"));
            assertThat(calls.unread()).isEmpty();
        }
    }

    @Test
    void aFrontendThatAnswersAnErrorIsNamed() {
        try (ContractFixtures.StandIn frontend = new ContractFixtures.StandIn()) {
            frontend.serve("/", 503, "text/html", "down");

            assertThatThrownBy(() -> new FrontendScanner(new HttpFetcher(Duration.ofSeconds(5))).scan(frontend.base()))
                    .isInstanceOf(ContractSourceUnavailableException.class)
                    .hasMessageContaining("answered HTTP 503");
        }
    }
}
