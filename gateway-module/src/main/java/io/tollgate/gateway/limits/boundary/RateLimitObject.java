package io.tollgate.gateway.limits.boundary;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * {@code project.rate_limit} on the wire. OpenAI's per-minute fields are required integers, so a limit not set reads
 * as {@code 0}; {@code max_requests_per_1_day} is optional there and left out when not set.
 */
public record RateLimitObject(String object, String id, String model,
                              @JsonbProperty("max_requests_per_1_minute") int maxRequestsPer1Minute,
                              @JsonbProperty("max_tokens_per_1_minute") int maxTokensPer1Minute,
                              @JsonbProperty("max_requests_per_1_day") Integer maxRequestsPer1Day) {

    static RateLimitObject of(LimitsFacade.RateLimit r) {
        return new RateLimitObject("project.rate_limit", r.id(), r.model(), orZero(r.maxRequestsPerMinute()),
                orZero(r.maxTokensPerMinute()), r.maxRequestsPerDay());
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
