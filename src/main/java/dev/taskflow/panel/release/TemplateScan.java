package dev.taskflow.panel.release;

import java.util.List;

/**
 * The proof that no secret sits where it should not: rendered with install-time secret values, none of them may appear
 * outside a Secret, no ConfigMap may carry a secret key, and the chart's own files may hold no literal secret.
 *
 * @param valuesSource where the secret values came from ({@code secrets.env}, or generated canaries when it is absent)
 * @param secretsTraced how many secret values were followed through the rendering
 * @param resources     how many rendered resources were scanned
 * @param files         how many chart files were scanned
 * @param findings      each place a secret was found, with the fix; empty when clean
 */
public record TemplateScan(String valuesSource, int secretsTraced, int resources, int files, List<String> findings) {

    public TemplateScan {
        findings = List.copyOf(findings);
    }

    public boolean clean() {
        return findings.isEmpty();
    }
}
