package dev.taskflow.panel.checks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import dev.taskflow.panel.support.SecretMasker;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite's HTTP client for one target: records every call as an {@link Exchange}, never follows a redirect to
 * another host, and turns transport failures into messages that say what to check.
 */
final class TargetClient {

    private static final int BODY_LIMIT = 2000;

    private final HttpClient http;

    private final Duration timeout;

    private final SecretMasker masker;

    private final JsonMapper json = JsonMapper.builder().build();

    TargetClient(Duration timeout, SecretMasker masker) {
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        this.timeout = timeout;
        this.masker = masker;
    }

    /** What came back: the exchange for evidence, and the body parsed when it is JSON. */
    record Reply(Exchange exchange, JsonNode body, Map<String, java.util.List<String>> headers) {

        int status() {
            return exchange.status();
        }

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst().orElse(null);
        }
    }

    Reply send(String label, String method, URI url, String body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (HttpConnectTimeoutException ex) {
            throw new TargetFaultException(method + " " + url + " could not connect within " + timeout.toSeconds()
                    + " s: is the target's address right and reachable from the panel?");
        }
        catch (HttpTimeoutException ex) {
            throw new TargetFaultException(method + " " + url + " did not answer within " + timeout.toSeconds()
                    + " s: the backend is up but too slow or stuck; look at its logs.");
        }
        catch (ConnectException ex) {
            throw new TargetFaultException(method + " " + url + ": connection refused. Is the backend running at "
                    + url.getScheme() + "://" + url.getAuthority() + "?");
        }
        catch (IOException ex) {
            throw new TargetFaultException(method + " " + url + " failed: " + ex.getMessage());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new TargetFaultException("Stopped while calling " + url);
        }
        long took = (System.nanoTime() - started) / 1_000_000;
        refuseForeignRedirect(method, url, response);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode parsed = parse(response.body(), contentType);
        Exchange exchange = new Exchange(label, method, url.toString(), masker.mask(body), response.statusCode(),
                contentType, trim(masker.mask(response.body())), took, parsed == null ? shapeOfText(contentType, response.body())
                        : JsonShape.of(parsed));
        return new Reply(exchange, parsed, response.headers().map());
    }

    private static void refuseForeignRedirect(String method, URI url, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 300 || status > 399) {
            return;
        }
        String location = response.headers().firstValue("Location").orElse("");
        URI target = url.resolve(location);
        if (target.getHost() != null && !target.getHost().equalsIgnoreCase(url.getHost())) {
            throw new TargetFaultException(method + " " + url + " redirects to another host (" + target.getScheme()
                    + "://" + target.getAuthority() + "). The panel does not follow it: point the target at the final "
                    + "URL.");
        }
    }

    private JsonNode parse(String body, String contentType) {
        if (body == null || body.isBlank() || contentType.toLowerCase(java.util.Locale.ROOT).contains("html")) {
            return null;
        }
        try {
            return json.readTree(body);
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    private static String shapeOfText(String contentType, String body) {
        if (body == null || body.isEmpty()) {
            return "empty";
        }
        return contentType.toLowerCase(java.util.Locale.ROOT).contains("html") ? "html" : "text";
    }

    private static String trim(String body) {
        if (body == null || body.length() <= BODY_LIMIT) {
            return body;
        }
        return body.substring(0, BODY_LIMIT) + "… (" + (body.length() - BODY_LIMIT) + " more characters)";
    }
}
