package io.tollgate.gateway.platform;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;

/**
 * An error as OpenAI's API shapes it: {@code {"error":{"message","type","param","code"}}} with its HTTP status.
 * Every error Tollgate answers takes this shape so that OpenAI clients raise their usual exceptions. A refusal of
 * Tollgate's own carries its {@link Refusal} kind.
 */
public record ApiError(int status, String message, String type, String param, String code, Refusal refusal,
                       Duration retryAfter) {

    /** An error that is no {@link Refusal} of Tollgate's own (an upstream's answer passed on). */
    public ApiError(int status, String message, String type, String param, String code) {
        this(status, message, type, param, code, null, null);
    }

    /** The same error, telling the client when to retry ({@code Retry-After}, whole seconds rounded up). */
    public ApiError retryAfter(Duration wait) {
        return new ApiError(status, message, type, param, code, refusal, wait);
    }

    /**
     * The headers this error is answered with, whatever the dialect: {@code Retry-After} when a wait is known,
     * {@code Connection: close} when the rest of the connection is not worth reading.
     */
    public Map<String, String> headers() {
        boolean close = refusal != null && refusal.closesConnection();
        if (retryAfter == null && !close) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>(2);
        if (retryAfter != null) {
            headers.put("Retry-After", Long.toString(Math.max(0, (retryAfter.toMillis() + 999) / 1000)));
        }
        if (close) {
            headers.put("Connection", "close");
        }
        return headers;
    }

    public static ApiError invalidRequest(String message, String param) {
        return Refusal.INVALID_REQUEST.error(message, param);
    }

    public static ApiError missingKey() {
        return Refusal.MISSING_KEY.error("You didn't provide an API key. You need to provide your API key in an "
                + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
    }

    public static ApiError invalidKey(String redactedKey) {
        return Refusal.INVALID_KEY.error("Incorrect API key provided: " + redactedKey + ".");
    }

    public static ApiError modelNotFound(String model) {
        return Refusal.MODEL_NOT_FOUND.error("The model `" + model + "` does not exist or you do not have access "
                + "to it.", "model");
    }

    public static ApiError notFound(String message) {
        return Refusal.NOT_FOUND.error(message);
    }

    /** The caller is known but may not do this (a portal role that does not reach the project or the change). */
    public static ApiError forbidden(String message) {
        return Refusal.FORBIDDEN.error(message);
    }

    public static ApiError upstreamFailed(String message) {
        return Refusal.UPSTREAM_FAILED.error(message);
    }

    public static ApiError internal() {
        return Refusal.INTERNAL.error("The server had an error while processing your request. Sorry about that!");
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
