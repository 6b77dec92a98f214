package dev.taskflow.panel.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One plan's component image, its settings resolved: where it is built from, what it is called, what it must meet.
 *
 * @param plan       the plan's id
 * @param component  backend or frontend
 * @param context    the build context folder
 * @param dockerfile the Dockerfile
 * @param name       the image name
 * @param version    the version tag
 * @param buildArgs  build arguments
 * @param maxMb      the size budget in MB
 * @param healthPath the path the smoke run asks for
 * @param port       the port the chart sends traffic to
 * @param env        extra environment for the smoke run
 */
public record ComponentImage(String plan, String component, Path context, Path dockerfile, String name,
        String version, Map<String, String> buildArgs, int maxMb, String healthPath, int port,
        Map<String, String> env) {

    public ComponentImage {
        buildArgs = Map.copyOf(buildArgs);
        env = Map.copyOf(env);
    }

    /** {@code name:version}, the reference the chart names. */
    public String reference() {
        return name + ":" + version;
    }

    /** The version tag and {@code latest}, once each. */
    public List<String> tags() {
        return version.equals("latest") ? List.of(name + ":latest") : List.of(reference(), name + ":latest");
    }

    public ComponentImage withMaxMb(int budget) {
        return new ComponentImage(plan, component, context, dockerfile, name, version, buildArgs, budget, healthPath,
                port, env);
    }
}
