package io.tollgate.gateway.ledger.boundary;

import io.tollgate.gateway.ledger.entity.UsageQuery;
import io.tollgate.gateway.ledger.entity.UsageRow;
import jakarta.json.bind.annotation.JsonbNillable;

import java.math.BigDecimal;

import static io.tollgate.gateway.ledger.boundary.UsagePage.grouped;

/** The results of OpenAI's usage and costs pages; fields not grouped by are explicit nulls, as OpenAI answers. */
final class UsageResults {

    private UsageResults() {
    }

    /** {@code organization.usage.completions.result}; Tollgate has no audio, users or batches here: 0 and null. */
    public record Completions(String object, long inputTokens, long outputTokens, long inputCachedTokens,
                              long inputUncachedTokens, long inputAudioTokens, long outputAudioTokens,
                              long numModelRequests, @JsonbNillable String projectId, @JsonbNillable String userId,
                              @JsonbNillable String apiKeyId, @JsonbNillable String model,
                              @JsonbNillable String batch) {

        static Completions of(UsageQuery q, UsageRow row) {
            return new Completions("organization.usage.completions.result", row.promptTokens(),
                    row.completionTokens(), row.cachedTokens(), row.promptTokens() - row.cachedTokens(), 0, 0,
                    row.requests(), grouped(q, "project_id", row.projectId()), null,
                    grouped(q, "api_key_id", row.apiKeyId()), grouped(q, "model", row.model()), null);
        }
    }

    /** {@code organization.usage.embeddings.result}. */
    public record Embeddings(String object, long inputTokens, long numModelRequests, @JsonbNillable String projectId,
                             @JsonbNillable String userId, @JsonbNillable String apiKeyId,
                             @JsonbNillable String model, @JsonbNillable String batch) {

        static Embeddings of(UsageQuery q, UsageRow row) {
            return new Embeddings("organization.usage.embeddings.result", row.promptTokens(), row.requests(),
                    grouped(q, "project_id", row.projectId()), null, grouped(q, "api_key_id", row.apiKeyId()),
                    grouped(q, "model", row.model()), null);
        }
    }

    /** {@code organization.costs.result}: USD, and with line items the model and its token quantity. */
    public record Cost(String object, Amount amount, @JsonbNillable String lineItem, @JsonbNillable String projectId,
                       @JsonbNillable String apiKeyId, @JsonbNillable Long quantity,
                       @JsonbNillable String quantityUnit) {

        static Cost of(UsageQuery q, UsageRow row, boolean lineItems) {
            return new Cost("organization.costs.result", new Amount(BigDecimal.valueOf(row.costNanoUsd(), 9)
                    .stripTrailingZeros(), "usd"), lineItems ? row.model() : null,
                    grouped(q, "project_id", row.projectId()), grouped(q, "api_key_id", row.apiKeyId()),
                    lineItems ? row.promptTokens() + row.completionTokens() : null, lineItems ? "tokens" : null);
        }
    }

    public record Amount(BigDecimal value, String currency) {
    }
}
