package io.tollgate.gateway.ledger.entity;

import java.time.Instant;

/** One bucket's totals for one combination of the grouped fields (null where not grouped). */
public record UsageRow(Instant bucket, String projectId, String apiKeyId, String model, long requests,
                       long promptTokens, long cachedTokens, long completionTokens, long costNanoUsd) {
}
