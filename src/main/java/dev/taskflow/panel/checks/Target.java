package dev.taskflow.panel.checks;

import java.net.URI;

/**
 * A deployment of the app that checks run against.
 *
 * @param name        {@code production}, {@code compose}, {@code minikube}, or a person's own name
 * @param backendUrl  the backend's base URL (no trailing slash), e.g. {@code http://127.0.0.1:8000}
 * @param frontendUrl the frontend's base URL, or {@code null} when there is none to check
 * @param origin      who registered it: configuration, a capability (compose, minikube), or a person
 */
public record Target(String name, URI backendUrl, URI frontendUrl, String origin) {
}
