package dev.taskflow.panel.contract;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the app's API contract is read from and where its source lives.
 *
 * @param openapiPath       the path of the backend's OpenAPI document (FastAPI serves {@code /openapi.json})
 * @param expectedEndpoints the endpoints a frozen contract must contain, as {@code METHOD /path}
 * @param fetchTimeout      how long one HTTP fetch (OpenAPI document, frontend page or script) may take
 * @param appRoot           the user's app checkout, read without running it; {@code ../app} beside the panel's
 *                          working folder when not set
 * @param backendDir        the backend's folder inside the app checkout
 * @param frontendDir       the frontend's folder inside the app checkout
 * @param immutablePaths    the folders, relative to the app checkout, that must stay unchanged against HEAD
 */
@Validated
@ConfigurationProperties("panel.contract")
public record ContractProperties(@NotBlank @DefaultValue("/openapi.json") String openapiPath,
        @NotNull @DefaultValue({ "GET /health", "POST /api/v1/auth/signup", "POST /api/v1/auth/login",
                "GET /api/v1/auth/me", "GET /api/v1/tasks", "POST /api/v1/tasks", "GET /api/v1/tasks/{task_id}",
                "PUT /api/v1/tasks/{task_id}", "PATCH /api/v1/tasks/{task_id}/complete",
                "DELETE /api/v1/tasks/{task_id}", "POST /api/v1/chat" }) List<String> expectedEndpoints,
        @NotNull @DefaultValue("10s") Duration fetchTimeout, Path appRoot,
        @NotBlank @DefaultValue("backend") String backendDir, @NotBlank @DefaultValue("frontend") String frontendDir,
        @NotEmpty @DefaultValue({ "backend/src", "frontend/src" }) List<String> immutablePaths) {

    public ContractProperties {
        // A relative default cannot go in @DefaultValue: Spring reads "../app" there as a classpath resource.
        appRoot = appRoot != null ? appRoot : Path.of(System.getProperty("user.dir"), "..", "app").normalize();
    }
}
