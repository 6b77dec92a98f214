package dev.taskflow.panel.prerequisites;

/**
 * What the panel found of the Docker engine.
 *
 * @param state      running, installed but not running, or not installed
 * @param host       the engine address tried (DOCKER_HOST or the platform default)
 * @param version    the engine's version when running
 * @param apiVersion the engine's API version when running
 * @param platform   os/arch when running
 * @param problem    what is wrong and how to fix it, when not running
 */
public record DockerEngineReport(State state, String host, String version, String apiVersion, String platform,
        String problem) {

    /** How far the engine is from usable. */
    public enum State {
        RUNNING, NOT_RUNNING, NOT_INSTALLED
    }

    public boolean running() {
        return state == State.RUNNING;
    }
}
