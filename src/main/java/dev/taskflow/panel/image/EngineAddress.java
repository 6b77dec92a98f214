package dev.taskflow.panel.image;

/**
 * Which Docker engine to talk to.
 *
 * @param host      its address ({@code unix:///var/run/docker.sock}, {@code tcp://192.168.49.2:2376}); {@code null}
 *                  for {@code DOCKER_HOST} or the platform default
 * @param tlsVerify whether it wants TLS with client certificates (Minikube's engine does)
 * @param certPath  the folder holding those certificates
 */
record EngineAddress(String host, boolean tlsVerify, String certPath) {

    static final EngineAddress DEFAULT = new EngineAddress(null, false, null);

    String describe() {
        return host != null ? host : "the default engine (DOCKER_HOST or the platform socket)";
    }
}
