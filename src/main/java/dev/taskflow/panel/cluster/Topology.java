package dev.taskflow.panel.cluster;

/**
 * The picture of the deployed app: browser → frontend Service → backend Service → external PostgreSQL.
 *
 * @param app      the {@code app} label shown
 * @param frontend the frontend tier
 * @param backend  the backend tier
 * @param database where the backend's database lives (outside the cluster)
 */
public record Topology(String app, Tier frontend, Tier backend, Database database) {

    /**
     * One tier: its Service and its pods.
     *
     * @param component   backend or frontend
     * @param service     the Service's name, or {@code null} when there is none
     * @param serviceType ClusterIP, NodePort or LoadBalancer
     * @param port        the Service port
     * @param nodePort    the node port, when the Service is a NodePort one
     * @param desired     the replicas asked for
     * @param ready       the replicas Ready
     * @param health      up (all ready), degraded (some), down (none) or absent (no Deployment)
     */
    public record Tier(String component, String service, String serviceType, Integer port, Integer nodePort,
            int desired, int ready, String health) {
    }

    /**
     * The external database as far as the panel can say without connecting to it.
     *
     * @param host   the host from DATABASE_URL in secrets.env, or {@code null} when unknown
     * @param health up when the backend is up (its health check needs the database), else unknown
     */
    public record Database(String host, String health) {
    }
}
