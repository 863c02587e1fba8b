package io.tollgate.gateway.admission.control;

/**
 * What one request needs from one limit.
 *
 * @param scope  the limit's identity, shared by every replica (e.g. {@code proj_1/model/gpt-4o/rpm})
 * @param limit  the limit per window
 * @param amount what this request reserves (1 request, its estimated tokens, its estimated cost in nano-USD)
 * @param kind   which header and error the limit reports as
 */
public record Demand(String scope, Window window, long limit, long amount, Kind kind) {

    public enum Kind {
        REQUESTS, TOKENS, QUOTA, SPEND, CONCURRENCY
    }
}
