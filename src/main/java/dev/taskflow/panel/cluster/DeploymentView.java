package dev.taskflow.panel.cluster;

import java.util.List;

/**
 * One Deployment of the app and how many of its replicas are up.
 *
 * @param name      the Deployment's name
 * @param component backend or frontend
 * @param desired   the replicas asked for
 * @param ready     the replicas Ready
 * @param available the replicas available
 * @param images    the images of its pod template
 */
public record DeploymentView(String name, String component, int desired, int ready, int available,
        List<String> images) {
}
