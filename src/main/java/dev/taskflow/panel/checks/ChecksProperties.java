package dev.taskflow.panel.checks;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the end-to-end suite talks to the app and what it expects.
 *
 * @param apiMap           per-operation overrides of the seed's API map (method, path, body)
 * @param dataPointer      JSON pointer to the payload in every answer; empty for bare JSON, /data for envelopes
 * @param tokenPointer     JSON pointer to the token in the login payload
 * @param userIdPointer    JSON pointer to the user id in the login payload
 * @param taskIdPointer    JSON pointer to the id in a task
 * @param chatReplyPointer JSON pointer to the reply in the chat payload
 * @param validationStatus the status the app gives malformed requests (400 or 422)
 * @param sharedSecret     the BETTER_AUTH_SECRET, to verify token signatures; never shown, only its fingerprint
 * @param frontendOrigin   the origin CORS must allow when the target has no frontend URL
 * @param foreignOrigin    an origin CORS must refuse
 * @param latencyBudget    the most the 95th percentile of a call may take
 * @param latencySamples   how many calls each latency figure is measured over
 * @param requestTimeout   how long one call may take before the target counts as not answering
 */
@Validated
@ConfigurationProperties("panel.checks")
public record ChecksProperties(@DefaultValue Map<String, ApiOperation> apiMap, @DefaultValue("") String dataPointer,
        @DefaultValue("/token") String tokenPointer, @DefaultValue("/user/id") String userIdPointer,
        @DefaultValue("/id") String taskIdPointer, @DefaultValue("/response") String chatReplyPointer,
        @DefaultValue("400") int validationStatus, String sharedSecret,
        @DefaultValue("http://localhost:3000") String frontendOrigin,
        @DefaultValue("https://foreign.example") String foreignOrigin,
        @DefaultValue("100ms") Duration latencyBudget, @Min(1) @Max(1000) @DefaultValue("20") int latencySamples,
        @DefaultValue("10s") Duration requestTimeout) {

    /** The seed's map with these overrides laid over it. */
    public ApiMap effectiveMap() {
        ApiMap seed = ApiMap.seed();
        Map<String, ApiOperation> operations = new java.util.LinkedHashMap<>(seed.operations());
        apiMap.forEach((name, override) -> {
            ApiOperation base = operations.get(name);
            if (base == null) {
                throw new InvalidApiMapException("panel.checks.api-map." + name + " is not an operation the suite "
                        + "calls. Known: " + String.join(", ", ApiMap.OPERATIONS) + ".");
            }
            operations.put(name, new ApiOperation(override.method() != null ? override.method() : base.method(),
                    override.path() != null ? override.path() : base.path(),
                    override.body() != null ? (override.body().isBlank() ? null : override.body()) : base.body()));
        });
        return new ApiMap(operations, dataPointer, tokenPointer, userIdPointer, taskIdPointer, chatReplyPointer,
                validationStatus).validated();
    }
}
