package dev.taskflow.panel.checks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium against stand-in frontend pages served by an in-test HTTP server, which also plays the backend.
 * Skipped only where Chromium is not installed; CI installs it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FrontendBrowserTests {

    static final BrowserProperties INSTALLED = new BrowserProperties(Path.of("/usr/bin/chromium"),
            Path.of("/usr/bin/chromedriver"), Duration.ofSeconds(10), Duration.ofMillis(500));

    /** A page that sets a blank icon, so Chromium does not ask for /favicon.ico. */
    static String page(String title, String script) {
        return "<!doctype html><html><head><title>" + title + "</title><link rel=\"icon\" href=\"data:,\"></head>"
                + "<body><h1>" + title + "</h1><script>" + script + "</script></body></html>";
    }

    HttpServer server;

    ExecutorService executor = Executors.newCachedThreadPool();

    CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void serveStandInFrontend() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/health", exchange -> answer(exchange, 200, "application/json", "{\"status\":\"ok\"}"));
        server.createContext("/api/tasks", exchange -> answer(exchange, 500, "application/json",
                "{\"detail\":\"database unavailable\"}"));
        server.createContext("/clean", exchange -> answer(exchange, 200, "text/html", page("TaskFlow",
                "fetch('/health').then(r => r.json()).then(b => document.body.dataset.health = b.status);")));
        server.createContext("/console-error", exchange -> answer(exchange, 200, "text/html", page("TaskFlow",
                "console.error('TaskFlow failed to load tasks');")));
        server.createContext("/broken-backend", exchange -> answer(exchange, 200, "text/html", page("TaskFlow",
                "fetch('/api/tasks').then(r => document.body.dataset.status = r.status);")));
        server.createContext("/hangs", exchange -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "text/html", page("Late", ""));
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void aCleanPageHasNoConsoleErrorsAndCountsItsCallToTheBackend() throws Exception {
        assumeBrowserInstalled();

        BrowserVisit visit = new FrontendBrowser(INSTALLED).visit(url("/clean"), url(""));

        assertThat(visit.title()).isEqualTo("TaskFlow");
        assertThat(visit.consoleErrors()).isEmpty();
        assertThat(visit.failedRequests()).isEmpty();
        assertThat(visit.backendRequests()).isEqualTo(1);
        assertThat(visit.loadMs()).isPositive().isLessThan(10_000);
        assertThat(visit.clean()).isTrue();
    }

    @Test
    void aConsoleErrorIsReportedWithItsText() throws Exception {
        assumeBrowserInstalled();

        BrowserVisit visit = new FrontendBrowser(INSTALLED).visit(url("/console-error"), url(""));

        assertThat(visit.consoleErrors()).singleElement().asString().startsWith("TaskFlow failed to load tasks (")
                .contains(url("/console-error").toString());
        assertThat(visit.failedRequests()).isEmpty();
        assertThat(visit.clean()).isFalse();
    }

    @Test
    void aBackendCallAnswering500IsListedAsAFailedRequest() throws Exception {
        assumeBrowserInstalled();

        BrowserVisit visit = new FrontendBrowser(INSTALLED).visit(url("/broken-backend"), url(""));

        String failure = "GET " + url("/api/tasks") + " → 500";
        assertThat(visit.failedRequests()).containsExactly(failure);
        assertThat(visit.failedBackendRequests()).containsExactly(failure);
        assertThat(visit.backendRequests()).isEqualTo(1);
        // Chrome's own "Failed to load resource" console line is the same failure, reported once as a request.
        assertThat(visit.consoleErrors()).isEmpty();
    }

    @Test
    void aBackendOnAClosedPortIsListedWithTheNetworkError() throws Exception {
        assumeBrowserInstalled();
        URI backend = URI.create("http://127.0.0.1:" + closedPort());
        server.createContext("/closed-backend", exchange -> answer(exchange, 200, "text/html", page("TaskFlow",
                "fetch('" + backend + "/health').catch(() => document.body.dataset.down = 'yes');")));

        BrowserVisit visit = new FrontendBrowser(INSTALLED).visit(url("/closed-backend"), backend);

        String failure = "GET " + backend + "/health failed: net::ERR_CONNECTION_REFUSED";
        assertThat(visit.failedRequests()).containsExactly(failure);
        assertThat(visit.failedBackendRequests()).containsExactly(failure);
        assertThat(visit.backendRequests()).isEqualTo(1);
    }

    @Test
    void aFrontendThatIsNotRunningSaysItCouldNotBeReached() {
        assumeBrowserInstalled();
        URI frontend = URI.create("http://127.0.0.1:" + closedPort() + "/");

        assertThatThrownBy(() -> new FrontendBrowser(INSTALLED).visit(frontend, url("")))
                .isInstanceOf(FrontendBrowser.VisitFailedException.class)
                .hasMessageContaining("The frontend at " + frontend)
                .hasMessageContaining("net::ERR_CONNECTION_REFUSED")
                .hasMessageContaining("is it running");
    }

    @Test
    void aPageThatNeverFinishesLoadingFailsAfterThePageTimeout() {
        assumeBrowserInstalled();
        BrowserProperties impatient = new BrowserProperties(INSTALLED.chromium(), INSTALLED.chromedriver(),
                Duration.ofSeconds(2), Duration.ofMillis(100));

        assertThatThrownBy(() -> new FrontendBrowser(impatient).visit(url("/hangs"), url("")))
                .isInstanceOf(FrontendBrowser.VisitFailedException.class)
                .hasMessageContaining("did not load within 2 s")
                .hasMessageContaining("panel.browser.page-timeout");
    }

    @Test
    void aChromedriverThatCannotStartIsNamedWithBothBinaries(@TempDir Path tools) throws IOException {
        assumeBrowserInstalled();
        Path notADriver = tools.resolve("chromedriver");
        Files.writeString(notADriver, "#!/bin/sh\necho 'not a chromedriver' >&2\nexit 3\n");
        notADriver.toFile().setExecutable(true);
        BrowserProperties broken = new BrowserProperties(INSTALLED.chromium(), notADriver, Duration.ofSeconds(5),
                Duration.ofMillis(100));

        assertThatThrownBy(() -> new FrontendBrowser(broken).visit(url("/clean"), url("")))
                .isInstanceOf(FrontendBrowser.VisitFailedException.class)
                .hasMessageContaining("chromedriver (" + notADriver + ") failed to start Chromium (/usr/bin/chromium)")
                .hasMessageContaining("apt-get install chromium chromium-driver");
    }

    @Test
    void missingBinariesMakeTheBrowserUnavailableWithTheInstallHint(@TempDir Path empty) {
        BrowserProperties nowhere = new BrowserProperties(empty.resolve("chromium"), empty.resolve("chromedriver"),
                Duration.ofSeconds(5), Duration.ofMillis(100));
        FrontendBrowser browser = new FrontendBrowser(nowhere);

        assertThat(browser.available()).isFalse();
        assertThat(browser.unavailableReason()).startsWith("Chromium is not installed here")
                .contains(empty.resolve("chromium").toString(), empty.resolve("chromedriver").toString())
                .contains("apt-get install chromium chromium-driver");
        assertThatThrownBy(() -> browser.visit(url("/clean"), url("")))
                .isInstanceOf(FrontendBrowser.VisitFailedException.class).hasMessageStartingWith("Chromium is not");
    }

    static void assumeBrowserInstalled() {
        assumeTrue(new FrontendBrowser(INSTALLED).available(),
                "Chromium is not installed here: apt-get install chromium chromium-driver (CI installs both)");
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
