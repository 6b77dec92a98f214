package dev.taskflow.panel.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.taskflow.panel.checks.TargetRegistry;
import dev.taskflow.panel.checks.TargetsProperties;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.PipelineProperties;
import dev.taskflow.panel.pipeline.Workspace;

/** Shared set-up for the contract tests: properties, a workspace, and an HTTP stand-in on 127.0.0.1. */
final class ContractFixtures {

    static final List<String> SEED_ENDPOINTS = List.of("GET /health", "POST /api/v1/auth/signup",
            "POST /api/v1/auth/login", "GET /api/v1/auth/me", "GET /api/v1/tasks", "POST /api/v1/tasks",
            "GET /api/v1/tasks/{task_id}", "PUT /api/v1/tasks/{task_id}", "PATCH /api/v1/tasks/{task_id}/complete",
            "DELETE /api/v1/tasks/{task_id}", "POST /api/v1/chat");

    private ContractFixtures() {
    }

    static ContractProperties properties(Path appRoot) {
        return properties(appRoot, Duration.ofSeconds(5));
    }

    static ContractProperties properties(Path appRoot, Duration timeout) {
        return new ContractProperties("/openapi.json", SEED_ENDPOINTS, timeout, appRoot, "backend", "frontend",
                List.of("backend/src", "frontend/src"));
    }

    static Workspace workspace(Path folder) {
        return new Workspace(new PipelineProperties(folder, folder, 1, Duration.ofMinutes(1)));
    }

    static String resource(String name) {
        try (InputStream in = ContractFixtures.class.getResourceAsStream("/contract/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No test resource contract/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static TargetRegistry registry(Map<String, URI> backends) {
        Map<String, TargetsProperties.Urls> targets = new java.util.LinkedHashMap<>();
        backends.forEach((name, url) -> targets.put(name, new TargetsProperties.Urls(url, url)));
        return new TargetRegistry(new TargetsProperties(targets));
    }

    static CheckContext context(Map<String, String> parameters) {
        return new CheckContext(null, null, parameters, line -> { }, () -> false);
    }

    /** An HTTP server on a free port of 127.0.0.1; close it after the test. */
    static final class StandIn implements AutoCloseable {

        private final HttpServer server;

        private final ExecutorService executor = Executors.newCachedThreadPool();

        StandIn() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            server.setExecutor(executor);
            server.start();
        }

        StandIn serve(String path, int status, String contentType, String body) {
            return handle(path, exchange -> respond(exchange, status, contentType, body));
        }

        StandIn handle(String path, HttpHandler handler) {
            server.createContext(path, handler);
            return this;
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        int port() {
            return server.getAddress().getPort();
        }

        static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                exchange.getResponseHeaders().add("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
