package dev.taskflow.panel.checks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our one adapter over Selenium: loads the frontend in headless Chromium and reports what its console and network
 * showed. Every visit gets a fresh browser profile and ends with the browser closed.
 */
@Service
class FrontendBrowser {

    static final String INSTALL_HINT = "apt-get install chromium chromium-driver";

    /** Resource types that are the page calling an API rather than loading its own files. */
    private static final Set<String> CALLS = Set.of("Fetch", "XHR", "EventSource", "WebSocket");

    /** Chrome writes console messages as {@code <source> <line>:<column> <text>}. */
    private static final Pattern CONSOLE_MESSAGE = Pattern.compile("^(\\S+) (\\d+:\\d+) (.*)$", Pattern.DOTALL);

    /** Chrome's console line for a failed request; the network log reports those with method and URL instead. */
    private static final String FAILED_RESOURCE = " - Failed to load resource: ";

    private final BrowserProperties properties;

    private final JsonMapper json = JsonMapper.builder().build();

    FrontendBrowser(BrowserProperties properties) {
        this.properties = properties;
    }

    boolean available() {
        return unavailableReason() == null;
    }

    /** Why no browser can be started here, or {@code null} when one can. */
    String unavailableReason() {
        List<String> missing = Stream.of(properties.chromium(), properties.chromedriver())
                .filter(binary -> !Files.isExecutable(binary)).map(Path::toString).toList();
        if (missing.isEmpty()) {
            return null;
        }
        return "Chromium is not installed here (no " + String.join(" or ", missing) + "): " + INSTALL_HINT
                + ", or point panel.browser.chromium and panel.browser.chromedriver at them";
    }

    /**
     * Loads the frontend, waits for it to finish and settle, and reports what the browser saw.
     *
     * @throws VisitFailedException when no browser could be started or the page did not load
     */
    BrowserVisit visit(URI frontendUrl, URI backendUrl) throws InterruptedException {
        String reason = unavailableReason();
        if (reason != null) {
            throw new VisitFailedException(reason, frontendUrl, null);
        }
        Path profile = createProfile(frontendUrl);
        try {
            WebDriver driver = start(profile, frontendUrl);
            try {
                return load(driver, frontendUrl, backendUrl);
            }
            finally {
                quit(driver);
            }
        }
        finally {
            delete(profile);
        }
    }

    private BrowserVisit load(WebDriver driver, URI frontendUrl, URI backendUrl) throws InterruptedException {
        try {
            driver.manage().timeouts().pageLoadTimeout(properties.pageTimeout());
            long started = System.nanoTime();
            navigate(driver, frontendUrl);
            new WebDriverWait(driver, properties.pageTimeout()).until(
                    loaded -> "complete".equals(script(loaded, "return document.readyState;")));
            long wallMs = (System.nanoTime() - started) / 1_000_000;
            Thread.sleep(properties.settle());
            Object timing = script(driver, "const nav = performance.getEntriesByType('navigation')[0];"
                    + " return nav ? Math.round(nav.loadEventEnd - nav.startTime) : -1;");
            long loadMs = timing instanceof Number number && number.longValue() > 0 ? number.longValue() : wallMs;
            String title = Objects.requireNonNullElse(driver.getTitle(), "");
            Network network = network(driver.manage().logs().get(LogType.PERFORMANCE).getAll(), backendUrl);
            if (network.documentFailure() != null) {
                throw new VisitFailedException("The frontend at " + frontendUrl + " did not load: "
                        + network.documentFailure() + ". Is it running, and is that its address?", frontendUrl, null);
            }
            List<String> consoleErrors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                    .map(LogEntry::getMessage).filter(message -> !message.contains(FAILED_RESOURCE))
                    .map(this::readable).toList();
            return new BrowserVisit(frontendUrl, title, loadMs, consoleErrors, network.failed(), network.backendCalls(),
                    network.failedBackendCalls());
        }
        catch (TimeoutException ex) {
            throw new VisitFailedException("The frontend at " + frontendUrl + " did not load within "
                    + properties.pageTimeout().toSeconds() + " s (panel.browser.page-timeout): is it running and "
                    + "answering?", frontendUrl, ex);
        }
        catch (VisitFailedException ex) {
            throw ex;
        }
        catch (WebDriverException ex) {
            throw new VisitFailedException("Chromium (" + properties.chromium() + ") failed while loading "
                    + frontendUrl + ": " + firstLine(ex.getMessage()), frontendUrl, ex);
        }
    }

    private void navigate(WebDriver driver, URI frontendUrl) {
        try {
            driver.get(frontendUrl.toString());
        }
        catch (TimeoutException ex) {
            throw ex;
        }
        catch (WebDriverException ex) {
            // chromedriver reports an unreachable page as an error naming Chrome's net:: code.
            Matcher netError = Pattern.compile("net::ERR_[A-Z_]+").matcher(String.valueOf(ex.getMessage()));
            if (netError.find()) {
                throw new VisitFailedException("The frontend at " + frontendUrl + " could not be reached ("
                        + netError.group() + "): is it running, and is that its address?", frontendUrl, ex);
            }
            throw ex;
        }
    }

    private WebDriver start(Path profile, URI frontendUrl) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(properties.chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(properties.chromedriver().toFile()).usingAnyFreePort().build();
        try {
            return new ChromeDriver(service, options);
        }
        catch (RuntimeException ex) {
            service.stop();
            throw new VisitFailedException("chromedriver (" + properties.chromedriver() + ") failed to start Chromium ("
                    + properties.chromium() + "): " + causes(ex) + ". Both must come from the same release: "
                    + INSTALL_HINT, frontendUrl, ex);
        }
    }

    /** Pairs each request with how it ended, from chromedriver's performance log of DevTools events. */
    private Network network(List<LogEntry> events, URI backendUrl) {
        Map<String, Request> requests = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        String document = null;
        for (LogEntry entry : events) {
            JsonNode message = parse(entry.getMessage()).path("message");
            JsonNode params = message.path("params");
            String id = params.path("requestId").asString("");
            switch (message.path("method").asString("")) {
                case "Network.requestWillBeSent" -> {
                    Request request = new Request(params.path("request").path("method").asString("GET"),
                            params.path("request").path("url").asString(""), params.path("type").asString(""));
                    requests.put(id, request);
                    if (document == null && "Document".equals(request.type())) {
                        document = id;
                    }
                }
                case "Network.responseReceived" -> {
                    int status = params.path("response").path("status").asInt(0);
                    Request request = requests.get(id);
                    if (status >= 400 && request != null) {
                        failures.putIfAbsent(id, request.method() + " " + request.url() + " → " + status);
                    }
                }
                case "Network.loadingFailed" -> {
                    Request request = requests.get(id);
                    // A cancelled request is one the page gave up on itself, not one the server failed.
                    if (request != null && !params.path("canceled").asBoolean(false)) {
                        String cors = params.path("corsErrorStatus").path("corsError").asString("");
                        String blocked = params.path("blockedReason").asString("");
                        failures.put(id, request.method() + " " + request.url() + " failed: "
                                + params.path("errorText").asString("unknown error")
                                + (cors.isEmpty() ? "" : " (CORS: " + cors + ")")
                                + (blocked.isEmpty() ? "" : " (blocked: " + blocked + ")"));
                    }
                }
                default -> {
                }
            }
        }
        List<String> failed = new ArrayList<>();
        List<String> failedBackendCalls = new ArrayList<>();
        failures.forEach((id, failure) -> {
            Request request = requests.get(id);
            if (request.web()) {
                failed.add(failure);
                if (request.callTo(backendUrl)) {
                    failedBackendCalls.add(failure);
                }
            }
        });
        int backendCalls = (int) requests.values().stream().filter(request -> request.callTo(backendUrl)).count();
        return new Network(document == null ? null : failures.get(document), failed, backendCalls, failedBackendCalls);
    }

    /** A console message as {@code text (source line:column)}, its quotes taken off when it is one string. */
    private String readable(String message) {
        Matcher matcher = CONSOLE_MESSAGE.matcher(message.strip());
        if (!matcher.matches()) {
            return message.strip();
        }
        String text = matcher.group(3);
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            JsonNode unquoted = parse(text);
            if (unquoted.isString()) {
                text = unquoted.stringValue();
            }
        }
        return text + " (" + matcher.group(1) + " " + matcher.group(2) + ")";
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        }
        catch (JacksonException ex) {
            return json.missingNode();
        }
    }

    private static Object script(WebDriver driver, String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static void quit(WebDriver driver) {
        try {
            driver.quit();
        }
        catch (WebDriverException ex) {
            // The browser is already gone; there is nothing left to close.
        }
    }

    private static Path createProfile(URI frontendUrl) {
        try {
            return Files.createTempDirectory("taskflow-chromium-");
        }
        catch (IOException ex) {
            throw new VisitFailedException("Could not create a browser profile folder in "
                    + System.getProperty("java.io.tmpdir") + ": " + ex.getMessage(), frontendUrl, ex);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | RuntimeException ex) {
            // A leftover profile in the temp folder is harmless.
        }
    }

    /** Selenium's own first line, then the first line of what lay beneath it, when that says more. */
    private static String causes(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = firstLine(failure.getMessage());
        String bottom = firstLine(root.getMessage());
        return root == failure || bottom.equals("no details") || top.contains(bottom) ? top : top + " (" + bottom + ")";
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private record Request(String method, String url, String type) {

        boolean web() {
            return url.startsWith("http://") || url.startsWith("https://") || url.startsWith("ws");
        }

        /** Whether the page made this call to the backend: same host and port, under its path. */
        boolean callTo(URI backend) {
            if (!CALLS.contains(type) || !web()) {
                return false;
            }
            URI uri;
            try {
                uri = URI.create(url);
            }
            catch (IllegalArgumentException ex) {
                return false;
            }
            String backendPath = Objects.requireNonNullElse(backend.getPath(), "");
            return Objects.equals(host(uri), host(backend)) && port(uri) == port(backend)
                    && Objects.requireNonNullElse(uri.getPath(), "").startsWith(backendPath);
        }

        private static String host(URI uri) {
            return uri.getHost() == null ? null : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        }

        private static int port(URI uri) {
            if (uri.getPort() > 0) {
                return uri.getPort();
            }
            String scheme = Objects.requireNonNullElse(uri.getScheme(), "");
            return scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
        }
    }

    private record Network(String documentFailure, List<String> failed, int backendCalls,
            List<String> failedBackendCalls) {
    }

    /** No browser could be started, or the frontend's page did not load; the message says which and what to do. */
    static class VisitFailedException extends RuntimeException {

        private final URI url;

        VisitFailedException(String message, URI url, Throwable cause) {
            super(message, cause);
            this.url = url;
        }

        URI url() {
            return url;
        }
    }
}
