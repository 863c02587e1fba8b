package io.tollgate.gateway.routing.control;

import java.time.Instant;

/**
 * The fleet's shared view of one backend, from the active checks: whether it answered its free probe, and for a vLLM
 * server its queue ({@code vllm:num_requests_waiting}) and KV-cache use ({@code vllm:gpu_cache_usage_perc}, 0–1).
 *
 * @param waiting    null when the backend exposes no engine metrics
 * @param cacheUsage null when the backend exposes no engine metrics
 */
public record BackendHealth(String backendId, boolean healthy, Instant checkedAt, Integer latencyMs, Integer waiting,
                            Double cacheUsage, String detail) {

    /** A backend never checked yet counts as healthy: a new backend takes traffic at once. */
    public static BackendHealth unknown(String backendId) {
        return new BackendHealth(backendId, true, Instant.EPOCH, null, null, null, "not checked yet");
    }
}
