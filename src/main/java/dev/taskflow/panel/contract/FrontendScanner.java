package dev.taskflow.panel.contract;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a deployed Next.js frontend calls: its page and the {@code /_next/static} scripts the page loads, read over
 * plain HTTP (no browser) and searched for backend base URLs and {@code /api/} paths.
 */
class FrontendScanner {

    private static final int MAX_SCRIPTS = 40;

    private static final Pattern SCRIPT = Pattern.compile("(?:src|href)=[\"']([^\"']*/_next/static/[^\"']+?\\.js)[\"']");

    private static final Pattern API_PATH = Pattern.compile("(?<=[\"'`}])/api(?:/[A-Za-z0-9_\\-.{}:$]+)*/?(?=[\"'`?$])");

    private static final Pattern ABSOLUTE_URL = Pattern.compile("[\"'`](https?://[A-Za-z0-9.\\-]+(?::\\d+)?)(/[^\"'`\\s]*)?[\"'`]");

    /** Hosts that appear in every bundle (docs links, XML namespaces) and are never the backend. */
    private static final Set<String> NOISE = Set.of("www.w3.org", "w3.org", "reactjs.org", "react.dev", "nextjs.org",
            "github.com", "vercel.com", "fb.me", "schema.org", "developer.mozilla.org", "fonts.googleapis.com",
            "fonts.gstatic.com", "www.google.com", "example.com", "localhost.invalid");

    private final HttpFetcher http;

    FrontendScanner(HttpFetcher http) {
        this.http = http;
    }

    FrontendCalls scan(URI frontendUrl) {
        HttpFetcher.Fetched page = http.get(frontendUrl, "text/html");
        if (!page.ok()) {
            throw new ContractSourceUnavailableException(frontendUrl + " answered HTTP " + page.status()
                    + " instead of the app's page: check the frontend is deployed and the target's frontend-url is right.");
        }
        Set<String> scripts = new LinkedHashSet<>();
        Matcher script = SCRIPT.matcher(page.body());
        while (script.find() && scripts.size() < MAX_SCRIPTS) {
            scripts.add(page.url().resolve(script.group(1).replace("&amp;", "&")).toString());
        }
        Set<String> baseUrls = new TreeSet<>();
        Set<String> apiPaths = new TreeSet<>();
        List<String> unread = new ArrayList<>();
        String ownHost = page.url().getHost();
        collect(page.body(), ownHost, baseUrls, apiPaths);
        for (String scriptUrl : scripts) {
            try {
                HttpFetcher.Fetched code = http.get(URI.create(scriptUrl), "*/*");
                if (code.ok()) {
                    collect(code.body(), ownHost, baseUrls, apiPaths);
                }
                else {
                    unread.add(scriptUrl + " (HTTP " + code.status() + ")");
                }
            }
            catch (ContractSourceUnavailableException ex) {
                unread.add(scriptUrl + " (" + ex.getMessage() + ")");
            }
        }
        return new FrontendCalls(page.url().toString(), page.trimmedBody(4000), List.copyOf(scripts),
                List.copyOf(baseUrls), List.copyOf(apiPaths), unread);
    }

    private static void collect(String text, String ownHost, Set<String> baseUrls, Set<String> apiPaths) {
        Matcher path = API_PATH.matcher(text);
        while (path.find()) {
            apiPaths.add(path.group());
        }
        Matcher url = ABSOLUTE_URL.matcher(text);
        while (url.find()) {
            String origin = url.group(1);
            String rest = url.group(2) == null ? "" : url.group(2);
            String host = URI.create(origin).getHost().toLowerCase(Locale.ROOT);
            if (NOISE.contains(host) || host.equalsIgnoreCase(ownHost)) {
                continue;
            }
            if (rest.startsWith("/api") || looksLikeBackend(host)) {
                baseUrls.add(origin);
            }
            if (rest.startsWith("/api/")) {
                apiPaths.add(rest.replaceAll("[?#].*", ""));
            }
        }
    }

    private static boolean looksLikeBackend(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.contains("api") || host.contains("backend")
                || host.endsWith(".hf.space") || host.contains("onrender") || host.contains("railway")
                || host.contains("herokuapp") || host.endsWith(".fly.dev");
    }

    /**
     * What the deployed frontend references.
     *
     * @param pageUrl  the page read
     * @param page     the page's HTML, trimmed
     * @param scripts  the scripts read
     * @param baseUrls backend base URLs found
     * @param apiPaths {@code /api/…} paths found
     * @param unread   scripts that could not be read, with why
     */
    record FrontendCalls(String pageUrl, String page, List<String> scripts, List<String> baseUrls,
            List<String> apiPaths, List<String> unread) {
    }
}
