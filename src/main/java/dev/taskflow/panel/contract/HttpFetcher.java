package dev.taskflow.panel.contract;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Plain HTTP GETs for the contract: a timeout on every request, redirects followed only on the same host (a
 * redirect to a login page or another deployment would read the wrong contract), and failures as messages that
 * name the URL and say what to do.
 */
class HttpFetcher {

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;

    private final Duration timeout;

    HttpFetcher(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The response of a GET, after same-host redirects; any status. */
    Fetched get(URI url, String accept) {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<String> response = send(current, accept);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                URI next = current.resolve(response.headers().firstValue("Location").get());
                if (!sameOrigin(current, next)) {
                    throw new ContractSourceUnavailableException(url + " redirects to another host (" + next
                            + "); the panel does not follow that. Point the target at the host that serves the "
                            + "document itself.");
                }
                current = next;
                continue;
            }
            return new Fetched(current, status, response.headers().firstValue("Content-Type").orElse(""),
                    response.body() == null ? "" : response.body());
        }
        throw new ContractSourceUnavailableException(url + " redirected more than " + MAX_REDIRECTS
                + " times; open it in a browser to see where it loops and point the target at the final URL.");
    }

    private HttpResponse<String> send(URI url, String accept) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", accept).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (HttpTimeoutException ex) {
            throw new ContractSourceUnavailableException(url + " did not answer within " + pretty(timeout)
                    + ": check the target is up and reachable, or raise panel.contract.fetch-timeout.");
        }
        catch (ConnectException ex) {
            throw new ContractSourceUnavailableException("Nothing answers at " + url + " (connection refused or "
                    + "host unreachable): start the backend, or fix the target's URL (panel.targets.<name>.backend-url).");
        }
        catch (IOException ex) {
            throw new ContractSourceUnavailableException("Could not read " + url + " (" + describe(ex)
                    + "): check the target is up and its URL is right.");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ContractSourceUnavailableException("Stopped while reading " + url + ".");
        }
        catch (IllegalArgumentException ex) {
            throw new ContractSourceUnavailableException(url + " is not a URL the panel can fetch (" + ex.getMessage()
                    + "): give an http:// or https:// URL.");
        }
    }

    private static boolean sameOrigin(URI from, URI to) {
        return Objects.equals(lower(from.getScheme()), lower(to.getScheme()))
                && Objects.equals(lower(from.getHost()), lower(to.getHost())) && port(from) == port(to);
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }

    static String pretty(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /**
     * One answer.
     *
     * @param url         the URL that answered (after same-host redirects)
     * @param status      the HTTP status
     * @param contentType the Content-Type header, or empty
     * @param body        the body as text
     */
    record Fetched(URI url, int status, String contentType, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean looksLikeHtml() {
            String start = body.stripLeading();
            return contentType.toLowerCase(Locale.ROOT).contains("html")
                    || start.regionMatches(true, 0, "<!doctype", 0, 9) || start.regionMatches(true, 0, "<html", 0, 5);
        }

        /** The body cut to what evidence needs. */
        String trimmedBody(int maxChars) {
            return body.length() <= maxChars ? body : body.substring(0, maxChars) + "\n… (" + body.length()
                    + " characters in all)";
        }
    }
}
