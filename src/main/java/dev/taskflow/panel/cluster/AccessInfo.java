package dev.taskflow.panel.cluster;

import java.net.URI;

/**
 * How the panel reaches the deployed app from outside the cluster; registered as target {@code minikube}.
 *
 * @param backendUrl   the backend through a port-forward to its ClusterIP Service
 * @param frontendUrl  the frontend through Minikube's IP and the NodePort, or a port-forward
 * @param backendVia   how the backend is reached, in words
 * @param frontendVia  how the frontend is reached, in words
 * @param nodePort     the frontend Service's node port, when it has one
 */
public record AccessInfo(URI backendUrl, URI frontendUrl, String backendVia, String frontendVia, Integer nodePort) {
}
