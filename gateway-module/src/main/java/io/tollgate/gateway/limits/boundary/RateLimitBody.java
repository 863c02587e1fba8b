package io.tollgate.gateway.limits.boundary;

import jakarta.json.bind.annotation.JsonbProperty;

import java.util.function.Predicate;

/**
 * The body of {@code POST …/rate_limits/{rate_limit_id}}, and what the portal's rate-limit dialog checks before it
 * saves: each limit a whole number the store can keep as an int; {@code 0} or {@code null} removes it, a field left
 * out keeps it. Longs, so that a number too large for an int is refused in the limit's own words.
 */
public record RateLimitBody(
        @JsonbProperty("max_requests_per_1_minute") @Limit(max = Integer.MAX_VALUE) Long maxRequestsPer1Minute,
        @JsonbProperty("max_tokens_per_1_minute") @Limit(max = Integer.MAX_VALUE) Long maxTokensPer1Minute,
        @JsonbProperty("max_requests_per_1_day") @Limit(max = Integer.MAX_VALUE) Long maxRequestsPer1Day) {

    /** The limits a complete body asks for: the portal's dialog gives every field. */
    public LimitsFacade.RateLimit applyTo(LimitsFacade.RateLimit current) {
        return applyTo(current, field -> true);
    }

    /** The model's limits this body asks for; {@code sent} tells which fields (by wire name) the client sent. */
    public LimitsFacade.RateLimit applyTo(LimitsFacade.RateLimit current, Predicate<String> sent) {
        return new LimitsFacade.RateLimit(current.model(),
                LimitChanges.integer(sent, "max_requests_per_1_minute", maxRequestsPer1Minute,
                        current.maxRequestsPerMinute()),
                LimitChanges.integer(sent, "max_tokens_per_1_minute", maxTokensPer1Minute,
                        current.maxTokensPerMinute()),
                LimitChanges.integer(sent, "max_requests_per_1_day", maxRequestsPer1Day,
                        current.maxRequestsPerDay()));
    }
}
