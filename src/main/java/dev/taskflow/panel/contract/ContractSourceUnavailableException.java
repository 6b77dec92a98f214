package dev.taskflow.panel.contract;

import dev.taskflow.panel.pipeline.InvalidRequestException;

/**
 * A contract could not be read from where it was asked for: the target is down, slow, answers HTML, redirects
 * elsewhere, or serves a document that is not OpenAPI. The message names the URL and the fix.
 */
public class ContractSourceUnavailableException extends InvalidRequestException {

    public ContractSourceUnavailableException(String message) {
        super(message);
    }
}
