package dev.taskflow.panel.image;

import java.time.Instant;

/**
 * One layer of an image, as {@code docker history} shows it.
 *
 * @param createdBy the instruction that made it (secrets in it are masked before it leaves the panel)
 * @param sizeBytes what it adds
 * @param created   when it was made
 */
public record Layer(String createdBy, long sizeBytes, Instant created) {
}
