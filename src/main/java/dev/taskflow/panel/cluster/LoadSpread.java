package dev.taskflow.panel.cluster;

import java.util.Map;

/**
 * How requests sent through the backend Service spread over its pods.
 *
 * @param replicas       the backend replicas during the test
 * @param sent           the requests sent
 * @param answered       how many got a 2xx answer
 * @param perPod         requests found in each pod's access log
 * @param unattributed   requests found in no pod's log
 * @param from           the pod the requests were sent from (inside the cluster, so kube-proxy balances them)
 * @param tool           which tool sent them
 * @param marker         the query marker that tells the test's requests from probes in the access logs
 * @param scaledBackTo   the replicas restored afterwards
 */
public record LoadSpread(int replicas, int sent, int answered, Map<String, Integer> perPod, int unattributed,
        String from, String tool, String marker, int scaledBackTo) {

    /** Balanced: every replica served at least one request. */
    public boolean balanced() {
        return perPod.size() >= replicas && perPod.values().stream().allMatch(count -> count > 0);
    }
}
