package io.tollgate.gateway.backends.control;

import java.time.Instant;

/**
 * A backend's price in USD per 1M tokens, in force from {@code validFrom} (its version: a request is costed at the
 * price in force when it ran, and a later change never rewrites it).
 */
public record Price(Instant validFrom, double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {

    public static final Price FREE = new Price(Instant.EPOCH, 0, 0, 0);

    /** The cost in nano-USD (USD per 1M tokens is micro-USD per token, so ×1000 per token). */
    public long nanoUsd(long promptTokens, long cachedTokens, long completionTokens) {
        long uncached = Math.max(0, promptTokens - cachedTokens);
        double nano = 1000.0 * (uncached * inputPerMillion + Math.min(cachedTokens, promptTokens) * cachedInputPerMillion
                + completionTokens * outputPerMillion);
        return (long) Math.ceil(nano - 1e-6);
    }
}
