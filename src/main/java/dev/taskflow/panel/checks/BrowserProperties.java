package dev.taskflow.panel.checks;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the headless browser for the frontend check lives and how patient it is.
 *
 * @param chromium     the Chromium binary
 * @param chromedriver the chromedriver binary matching that Chromium
 * @param pageTimeout  how long the frontend's page may take to load before it counts as not loading
 * @param settle       how long to keep watching after the page loaded, for late console errors and requests
 */
@Validated
@ConfigurationProperties("panel.browser")
public record BrowserProperties(@NotNull @DefaultValue("/usr/bin/chromium") Path chromium,
        @NotNull @DefaultValue("/usr/bin/chromedriver") Path chromedriver,
        @NotNull @DefaultValue("20s") Duration pageTimeout, @NotNull @DefaultValue("2s") Duration settle) {
}
