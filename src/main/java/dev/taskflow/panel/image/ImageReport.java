package dev.taskflow.panel.image;

import java.util.List;
import java.util.Map;

/**
 * What a built image is: tags, size against its budget, layers, user, ports and labels.
 *
 * @param plan          the plan's id
 * @param component     backend or frontend
 * @param reference     {@code name:version}
 * @param imageId       the engine's id
 * @param tags          every tag the image has
 * @param sizeBytes     its size
 * @param budgetMb      the size budget
 * @param created       when it was built
 * @param user          the user it runs as (empty: root)
 * @param exposedPorts  its EXPOSE lines ({@code 8000/tcp})
 * @param expectedPort  the port the chart sends traffic to
 * @param labels        its labels (the source commit among them)
 * @param layers        its layers, newest first, commands masked
 */
public record ImageReport(String plan, String component, String reference, String imageId, List<String> tags,
        long sizeBytes, int budgetMb, String created, String user, List<String> exposedPorts, int expectedPort,
        Map<String, String> labels, List<Layer> layers) {

    public double sizeMb() {
        return sizeBytes / 1_000_000.0;
    }

    public boolean withinBudget() {
        return sizeBytes <= budgetMb * 1_000_000L;
    }

    /** How full the budget is, 0–100, for a bar. */
    public int budgetPercent() {
        return (int) Math.min(100, Math.round(sizeBytes * 100.0 / (budgetMb * 1_000_000.0)));
    }

    public boolean nonRoot() {
        return ImageService.isNonRoot(user);
    }

    public boolean exposeMatches() {
        return exposedPorts.contains(expectedPort + "/tcp");
    }
}
