package dev.taskflow.panel.image;

/**
 * One moment of a build, as the engine reports it.
 *
 * @param step       the Dockerfile step running now (0 before the first)
 * @param totalSteps how many steps the Dockerfile has (0 until the engine says)
 * @param percent    a progress bar's value, 0–100
 * @param line       one line of the build log
 */
public record BuildProgress(int step, int totalSteps, int percent, String line) {
}
