package io.tollgate.gateway.inference.control;

import jakarta.json.JsonObject;

/**
 * A request as its surface understood it: the model asked for, the request in OpenAI's shape (what is relayed), the
 * client's own (for the dialect's answer) and whether it streams.
 */
public record ParsedRequest(String model, InferenceEndpoint endpoint, JsonObject openAi, JsonObject client,
                            boolean stream) {
}
