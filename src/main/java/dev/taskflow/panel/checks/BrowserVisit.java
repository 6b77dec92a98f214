package dev.taskflow.panel.checks;

import java.net.URI;
import java.util.List;

/**
 * What headless Chromium saw when it loaded the frontend.
 *
 * @param url                   the page loaded
 * @param title                 the page's title
 * @param loadMs                milliseconds from navigation start to the end of the load event
 * @param consoleErrors         console errors and uncaught exceptions, as the browser's console shows them
 * @param failedRequests        every request that failed, e.g. {@code GET http://… → 500} or
 *                              {@code GET http://… failed: net::ERR_CONNECTION_REFUSED}
 * @param backendRequests       how many calls (fetch, XHR, event streams, web sockets) the page made to the backend
 * @param failedBackendRequests the failed requests that went to the backend
 */
public record BrowserVisit(URI url, String title, long loadMs, List<String> consoleErrors, List<String> failedRequests,
        int backendRequests, List<String> failedBackendRequests) {

    public BrowserVisit {
        consoleErrors = List.copyOf(consoleErrors);
        failedRequests = List.copyOf(failedRequests);
        failedBackendRequests = List.copyOf(failedBackendRequests);
    }

    /** Whether the page showed no console error and every call to the backend succeeded. */
    public boolean clean() {
        return consoleErrors.isEmpty() && failedBackendRequests.isEmpty();
    }
}
