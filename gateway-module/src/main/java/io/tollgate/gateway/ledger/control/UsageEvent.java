package io.tollgate.gateway.ledger.control;

import io.tollgate.gateway.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.UUID;

/**
 * What one request used and cost, as the ledger keeps it. Its id makes every write idempotent: an event replayed
 * after an outage, or written twice, is counted once.
 *
 * @param endpoint       {@code completions} (chat, legacy completions, messages) or {@code embeddings}
 * @param ttftMs         null when no backend answered
 * @param priceValidFrom the price version it was costed at; null when the backend has no price
 */
public record UsageEvent(UUID id, Instant occurredAt, String projectId, String apiKeyId, String model,
                         String backendId, String endpoint, int promptTokens, int cachedTokens, int completionTokens,
                         int latencyMs, Integer ttftMs, int status, boolean streamed, boolean clientDisconnected,
                         boolean usageEstimated, long costNanoUsd, Instant priceValidFrom) {

    /** One line of the spill file. */
    String toJsonLine() {
        var b = Jsonp.PROVIDER.createObjectBuilder().add("id", id.toString())
                .add("occurred_at", occurredAt.toString()).add("project_id", projectId).add("model", model)
                .add("endpoint", endpoint).add("prompt_tokens", promptTokens).add("cached_tokens", cachedTokens)
                .add("completion_tokens", completionTokens).add("latency_ms", latencyMs).add("status", status)
                .add("streamed", streamed).add("client_disconnected", clientDisconnected)
                .add("usage_estimated", usageEstimated).add("cost_nano_usd", costNanoUsd);
        if (apiKeyId != null) {
            b.add("api_key_id", apiKeyId);
        }
        if (backendId != null) {
            b.add("backend_id", backendId);
        }
        if (ttftMs != null) {
            b.add("ttft_ms", ttftMs);
        }
        if (priceValidFrom != null) {
            b.add("price_valid_from", priceValidFrom.toString());
        }
        return b.build().toString();
    }

    static UsageEvent fromJsonLine(String line) {
        JsonObject o;
        try (var reader = Jsonp.PROVIDER.createReader(new java.io.StringReader(line))) {
            o = reader.readObject();
        }
        return new UsageEvent(UUID.fromString(o.getString("id")), Instant.parse(o.getString("occurred_at")),
                o.getString("project_id"), o.getString("api_key_id", null), o.getString("model"),
                o.getString("backend_id", null), o.getString("endpoint"), o.getInt("prompt_tokens"),
                o.getInt("cached_tokens"), o.getInt("completion_tokens"), o.getInt("latency_ms"),
                o.get("ttft_ms") == null || o.get("ttft_ms") == JsonValue.NULL ? null : o.getInt("ttft_ms"),
                o.getInt("status"), o.getBoolean("streamed"), o.getBoolean("client_disconnected"),
                o.getBoolean("usage_estimated"), o.getJsonNumber("cost_nano_usd").longValue(),
                o.containsKey("price_valid_from") ? Instant.parse(o.getString("price_valid_from")) : null);
    }
}
