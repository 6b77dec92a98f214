package dev.taskflow.panel.contract;

import java.time.Instant;

/**
 * The contract as frozen in {@code contracts/contracts-freeze.json}: production's API, which the local deployment
 * must match.
 *
 * @param source      the URL the contract was read from
 * @param frozenAt    when it was frozen
 * @param contentHash {@code sha256:…} of the endpoints' canonical JSON; reading the file back checks it
 * @param contract    the contract itself
 */
public record FrozenContract(String source, Instant frozenAt, String contentHash, ApiContract contract) {
}
