package dev.taskflow.panel.cluster;

import java.util.List;

/**
 * One command of the fixed catalogue the panel may run inside a pod; nothing else is ever executed, and nothing
 * of it comes from the browser except validated names and numbers.
 *
 * @param tool    the program it needs ({@code python3}, {@code wget}, {@code nslookup} …)
 * @param purpose what it is for, in the audit log
 * @param argv    the program and its arguments, run without a shell
 */
record InPodCommand(String tool, String purpose, List<String> argv) {

    InPodCommand {
        argv = List.copyOf(argv);
    }

    /** The command as a person would type it, for evidence. */
    String display() {
        return String.join(" ", argv.stream().map(arg -> arg.contains(" ") || arg.contains("\n")
                ? "'" + arg.replace("\n", "; ") + "'" : arg).toList());
    }

    /** An opener that hands back error responses instead of raising, so one line serves every status. */
    private static final String PYTHON_OPENER = "import sys, urllib.request as u; o = u.build_opener(type('Keep', "
            + "(u.HTTPErrorProcessor,), {'http_response': lambda s, q, r: r})); ";

    private static final String PYTHON_GET = PYTHON_OPENER + "r = o.open(sys.argv[1], timeout=5); print(r.status); "
            + "print(r.read(2000).decode(errors='replace'))";

    private static final String NODE_GET = "fetch(process.argv[1]).then(async r => { console.log(r.status); "
            + "console.log((await r.text()).slice(0, 2000)); }).catch(e => { console.error(e.message); process.exit(2); })";

    /** HTTP GET of a URL, in the order given: each prints the status code on its first line, then the body. */
    static List<InPodCommand> httpGet(String url, String purpose, List<String> order) {
        return order.stream().map(tool -> switch (tool) {
            case "python3", "python" -> new InPodCommand(tool, purpose, List.of(tool, "-c", PYTHON_GET, url));
            case "node" -> new InPodCommand(tool, purpose, List.of("node", "-e", NODE_GET, url));
            case "curl" -> new InPodCommand(tool, purpose, List.of("curl", "-s", "-m", "5", "-w", "\n%{http_code}",
                    url));
            case "wget" -> new InPodCommand(tool, purpose, List.of("wget", "-q", "-S", "-T", "5", "-O", "-", url));
            default -> throw new IllegalArgumentException("no HTTP command for " + tool);
        }).toList();
    }

    /** The process environment, as KEY=VALUE lines (NUL-separated for /proc). */
    static List<InPodCommand> environment() {
        return List.of(new InPodCommand("env", "read environment", List.of("env")),
                new InPodCommand("cat", "read environment", List.of("cat", "/proc/self/environ")),
                new InPodCommand("python3", "read environment", List.of("python3", "-c",
                        "import os; [print(k + '=' + v) for k, v in os.environ.items()]")),
                new InPodCommand("node", "read environment", List.of("node", "-e",
                        "for (const [k, v] of Object.entries(process.env)) console.log(k + '=' + v)")));
    }

    /** Name resolution, with the fallbacks images usually have: nslookup, getent, node, python. */
    static List<InPodCommand> resolve(String name) {
        return List.of(new InPodCommand("nslookup", "resolve " + name, List.of("nslookup", name)),
                new InPodCommand("getent", "resolve " + name, List.of("getent", "hosts", name)),
                new InPodCommand("node", "resolve " + name, List.of("node", "-e",
                        "require('dns').lookup(process.argv[1], (e, a) => { if (e) { console.error(e.code); "
                                + "process.exit(1); } console.log(a); })", name)),
                new InPodCommand("python3", "resolve " + name, List.of("python3", "-c",
                        "import socket, sys; print(socket.gethostbyname(sys.argv[1]))", name)));
    }

    /**
     * {@code count} GETs of {@code url + i}, each on a new connection so the Service's kube-proxy rule picks a pod
     * per request; prints one status code per line.
     */
    static List<InPodCommand> requestSeries(String urlPrefix, int count) {
        String purpose = count + " requests through the Service";
        return List.of(
                new InPodCommand("node", purpose, List.of("node", "-e", String.join("",
                        "const http = require('http'); const n = Number(process.argv[2]); let i = 0;",
                        "const next = () => { if (i >= n) return; const url = process.argv[1] + (i++);",
                        " http.get(url, { agent: false }, r => { console.log(r.statusCode); r.resume();",
                        " r.on('end', next); }).on('error', e => { console.log('error ' + e.code); next(); }); };",
                        " next();"), urlPrefix, String.valueOf(count))),
                new InPodCommand("python3", purpose, List.of("python3", "-c", PYTHON_OPENER
                        + "[print(o.open(sys.argv[1] + str(i), timeout=5).status) for i in range(int(sys.argv[2]))]",
                        urlPrefix, String.valueOf(count))),
                new InPodCommand("sh", purpose, List.of("sh", "-c",
                        "i=0; while [ \"$i\" -lt \"$2\" ]; do if wget -q -O /dev/null \"$1$i\"; then echo 200; "
                                + "else echo error; fi; i=$((i + 1)); done", "sh", urlPrefix,
                        String.valueOf(count))));
    }
}
