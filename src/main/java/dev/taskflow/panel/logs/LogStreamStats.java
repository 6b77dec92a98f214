package dev.taskflow.panel.logs;

/**
 * What the log streams hold open right now.
 *
 * @param sharedStreams  streams shared by the browsers asking for the same log
 * @param readers        container logs being read
 * @param kubernetesLogs log requests to the API server not yet closed
 * @param viewers        browsers being sent lines
 */
public record LogStreamStats(int sharedStreams, int readers, int kubernetesLogs, int viewers) {

    public boolean idle() {
        return sharedStreams == 0 && readers == 0 && kubernetesLogs == 0 && viewers == 0;
    }
}
