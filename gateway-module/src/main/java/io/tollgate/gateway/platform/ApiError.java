package io.tollgate.gateway.platform;

import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;

/**
 * An error as OpenAI's API shapes it: {@code {"error":{"message","type","param","code"}}} with its HTTP status.
 * Every error Tollgate answers takes this shape so that OpenAI clients raise their usual exceptions. A refusal of
 * Tollgate's own carries its {@link Refusal} kind.
 */
public record ApiError(int status, String message, String type, String param, String code, Refusal refusal) {

    /** An error that is no {@link Refusal} of Tollgate's own (bad input, an upstream's failure). */
    public ApiError(int status, String message, String type, String param, String code) {
        this(status, message, type, param, code, null);
    }

    public static ApiError invalidRequest(String message, String param) {
        return new ApiError(400, message, "invalid_request_error", param, null);
    }

    public static ApiError missingKey() {
        return new ApiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization "
                + "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error", null, null);
    }

    public static ApiError invalidKey(String redactedKey) {
        return new ApiError(401, "Incorrect API key provided: " + redactedKey + ".", "invalid_request_error", null,
                "invalid_api_key");
    }

    public static ApiError modelNotFound(String model) {
        return new ApiError(404, "The model `" + model + "` does not exist or you do not have access to it.",
                "invalid_request_error", "model", "model_not_found");
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, message, "invalid_request_error", null, "not_found");
    }

    /** The caller is known but may not do this (a portal role that does not reach the project or the change). */
    public static ApiError forbidden(String message) {
        return new ApiError(403, message, "invalid_request_error", null, "insufficient_permissions");
    }

    public static ApiError upstreamFailed(String message) {
        return new ApiError(502, message, "server_error", null, "upstream_error");
    }

    public static ApiError internal() {
        return new ApiError(500, "The server had an error while processing your request. Sorry about that!",
                "server_error", null, null);
    }

    public String toJson() {
        JsonObjectBuilder error = Jsonp.PROVIDER.createObjectBuilder().add("message", message).add("type", type);
        if (param == null) {
            error.addNull("param");
        } else {
            error.add("param", param);
        }
        if (code == null) {
            error.addNull("code");
        } else {
            error.add("code", code);
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("error", error).build().toString();
    }

    public byte[] toBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /** Shows enough of a presented key to recognise it, never enough to use it. */
    public static String redact(String key) {
        if (key == null || key.isEmpty()) {
            return "''";
        }
        if (key.length() <= 8) {
            return "****";
        }
        int quarter = key.length() / 4;
        return key.substring(0, Math.min(6, quarter)) + "****" + key.substring(key.length() - Math.min(4, quarter));
    }
}
