package io.tollgate.gateway.backends.control;

import jakarta.json.JsonObject;

/** A chat completion as sent upstream: the body already rewritten for the backend (its model name), parsed and raw. */
public record UpstreamRequest(String path, JsonObject json, byte[] body, boolean stream) {
}
