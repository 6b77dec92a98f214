package dev.taskflow.panel.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a live contract differs from the frozen one. Removed and changed endpoints break clients; added ones do not.
 *
 * @param frozenSource where the frozen contract came from
 * @param liveSource   where the live contract came from
 * @param added        endpoints only the live contract has
 * @param removed      endpoints only the frozen contract has
 * @param changed      endpoints both have, but described differently
 * @param unchanged    endpoints both describe the same way
 */
public record ContractDrift(String frozenSource, String liveSource, List<ApiEndpoint> added,
        List<ApiEndpoint> removed, List<EndpointChange> changed, List<ApiEndpoint> unchanged) {

    public ContractDrift {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        unchanged = List.copyOf(unchanged);
    }

    /** Compares two contracts endpoint by endpoint, matched on method and path. */
    public static ContractDrift between(ApiContract frozen, ApiContract live) {
        Map<String, ApiEndpoint> before = byKey(frozen);
        Map<String, ApiEndpoint> after = byKey(live);
        List<ApiEndpoint> added = new ArrayList<>();
        List<ApiEndpoint> removed = new ArrayList<>();
        List<EndpointChange> changed = new ArrayList<>();
        List<ApiEndpoint> unchanged = new ArrayList<>();
        for (String key : new TreeSet<>(before.keySet())) {
            ApiEndpoint old = before.get(key);
            ApiEndpoint now = after.get(key);
            if (now == null) {
                removed.add(old);
                continue;
            }
            List<Difference> differences = differences(old, now);
            if (differences.isEmpty()) {
                unchanged.add(now);
            }
            else {
                changed.add(new EndpointChange(key, old, now, differences));
            }
        }
        after.keySet().stream().filter(key -> !before.containsKey(key)).sorted().forEach(key -> added.add(after.get(key)));
        return new ContractDrift(frozen.source(), live.source(), added, removed, changed, unchanged);
    }

    @JsonProperty("breaking")
    public boolean hasBreakingChanges() {
        return !removed.isEmpty() || !changed.isEmpty();
    }

    /** One line for people: counts of each kind. */
    public String headline() {
        return added.size() + " added, " + removed.size() + " removed, " + changed.size() + " changed, "
                + unchanged.size() + " unchanged";
    }

    /** Every endpoint of either side, side by side, sorted by path then method: what the drift page shows. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        unchanged.forEach(endpoint -> rows.add(new Row("unchanged", endpoint, endpoint, List.of())));
        changed.forEach(change -> rows.add(new Row("changed", change.frozen(), change.live(), change.differences())));
        removed.forEach(endpoint -> rows.add(new Row("removed", endpoint, null, List.of())));
        added.forEach(endpoint -> rows.add(new Row("added", null, endpoint, List.of())));
        rows.sort(java.util.Comparator.comparing((Row row) -> row.any().path()).thenComparing(row -> row.any().method()));
        return rows;
    }

    private static Map<String, ApiEndpoint> byKey(ApiContract contract) {
        Map<String, ApiEndpoint> map = new TreeMap<>();
        contract.endpoints().forEach(endpoint -> map.put(endpoint.key(), endpoint));
        return map;
    }

    private static List<Difference> differences(ApiEndpoint old, ApiEndpoint now) {
        List<Difference> differences = new ArrayList<>();
        if (old.requiresAuth() != now.requiresAuth()) {
            differences.add(new Difference("auth", auth(old), auth(now)));
        }
        if (!Objects.equals(old.bodyFields(), now.bodyFields())) {
            differences.add(new Difference("body fields", String.join(", ", old.bodyFields()),
                    String.join(", ", now.bodyFields())));
        }
        if (!Objects.equals(old.statusCodes(), now.statusCodes())) {
            differences.add(new Difference("status codes", String.join(", ", old.statusCodes()),
                    String.join(", ", now.statusCodes())));
        }
        return differences;
    }

    private static String auth(ApiEndpoint endpoint) {
        return endpoint.requiresAuth() ? "bearer token" : "none";
    }

    /**
     * One endpoint both contracts have, described differently.
     *
     * @param key         {@code METHOD /path}
     * @param frozen      as frozen
     * @param live        as the live backend describes it
     * @param differences what differs
     */
    public record EndpointChange(String key, ApiEndpoint frozen, ApiEndpoint live, List<Difference> differences) {

        public EndpointChange {
            differences = List.copyOf(differences);
        }
    }

    /**
     * One aspect that differs.
     *
     * @param aspect {@code auth}, {@code body fields} or {@code status codes}
     * @param frozen the frozen value
     * @param live   the live value
     */
    public record Difference(String aspect, String frozen, String live) {
    }

    /**
     * A line of the side-by-side view.
     *
     * @param state       {@code unchanged}, {@code changed}, {@code removed} or {@code added}
     * @param frozen      the frozen endpoint, or {@code null} when added
     * @param live        the live endpoint, or {@code null} when removed
     * @param differences for a changed endpoint, what differs
     */
    public record Row(String state, ApiEndpoint frozen, ApiEndpoint live, List<Difference> differences) {

        ApiEndpoint any() {
            return frozen != null ? frozen : live;
        }

        /** Whether the aspect (auth, body fields, status codes) differs on this row. */
        public boolean differs(String aspect) {
            return differences.stream().anyMatch(difference -> difference.aspect().equals(aspect));
        }
    }
}
