package dev.taskflow.panel.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The side-by-side comparison of two suite runs: for every request both made, the status codes and the shapes of
 * the answers (keys and JSON types, never values). Production defines correct behaviour, so every difference is a
 * finding.
 *
 * @param left  the reference target's report (usually production)
 * @param right the compared target's report
 * @param rows  one row per request label, in suite order
 */
public record ParityDiff(SuiteReport left, SuiteReport right, List<Row> rows) {

    /**
     * @param check       the check the request belongs to
     * @param request     what the request was for
     * @param leftStatus  the reference's status (0 when it made no such request)
     * @param rightStatus the compared target's status
     * @param leftShape   the reference's answer shape
     * @param rightShape  the compared answer shape
     * @param difference  what differs, or {@code null} when they match
     */
    public record Row(String check, String request, int leftStatus, int rightStatus, String leftShape,
            String rightShape, String difference) {

        public boolean matches() {
            return difference == null;
        }
    }

    public static ParityDiff of(SuiteReport left, SuiteReport right) {
        Map<String, Exchange> leftCalls = calls(left);
        Map<String, Exchange> rightCalls = calls(right);
        List<String> keys = new ArrayList<>(leftCalls.keySet());
        rightCalls.keySet().stream().filter(key -> !leftCalls.containsKey(key)).forEach(keys::add);
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            Exchange l = leftCalls.get(key);
            Exchange r = rightCalls.get(key);
            String[] parts = key.split("\u0000", 2);
            rows.add(new Row(parts[0], parts[1], l == null ? 0 : l.status(), r == null ? 0 : r.status(),
                    l == null ? null : l.shape(), r == null ? null : r.shape(), difference(l, r)));
        }
        return new ParityDiff(left, right, rows);
    }

    public long differences() {
        return rows.stream().filter(row -> !row.matches()).count();
    }

    private static String difference(Exchange left, Exchange right) {
        if (left == null) {
            return "only the compared target made this request";
        }
        if (right == null) {
            return "only the reference made this request";
        }
        List<String> found = new ArrayList<>();
        if (left.status() != right.status()) {
            found.add("status " + left.status() + " vs " + right.status());
        }
        if (!left.shape().equals(right.shape())) {
            found.add("answer shape differs");
        }
        return found.isEmpty() ? null : String.join("; ", found);
    }

    /** Each request by check and label; timing calls of the latency check are left out (their count is configured). */
    private static Map<String, Exchange> calls(SuiteReport report) {
        Map<String, Exchange> calls = new LinkedHashMap<>();
        for (StepResult step : report.steps()) {
            if (step.id().equals("e2e-latency")) {
                continue;
            }
            for (Exchange exchange : step.exchanges()) {
                if (!exchange.label().startsWith("clean up")) {
                    calls.putIfAbsent(step.id() + "\u0000" + exchange.label(), exchange);
                }
            }
        }
        return calls;
    }
}
