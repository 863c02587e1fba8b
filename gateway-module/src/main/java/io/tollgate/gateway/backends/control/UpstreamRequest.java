package io.tollgate.gateway.backends.control;

import java.util.Map;
import jakarta.json.JsonObject;

/**
 * A chat completion as sent upstream: the body already rewritten for the backend (its model name), parsed and raw,
 * and the headers every backend kind sends beside its own (the attempt's trace context).
 */
public record UpstreamRequest(String path, JsonObject json, byte[] body, boolean stream, Map<String, String> headers) {

    public UpstreamRequest(String path, JsonObject json, byte[] body, boolean stream) {
        this(path, json, body, stream, Map.of());
    }

    /** The backend kind's own headers (credentials, version) and the request's. */
    public Map<String, String> headersWith(Map<String, String> own) {
        if (headers.isEmpty()) {
            return own;
        }
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.putAll(own);
        return all;
    }
}
