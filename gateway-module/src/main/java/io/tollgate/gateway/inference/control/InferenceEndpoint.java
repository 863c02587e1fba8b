package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The OpenAI inference endpoints Tollgate relays, and what each requires of a request before it is worth sending
 * upstream. Only the fields Tollgate reads or owns are checked here; the rest pass through for the backend to judge.
 */
public enum InferenceEndpoint {

    CHAT("/chat/completions", "messages", true, "chat"),
    COMPLETIONS("/completions", "prompt", true, "text_completion"),
    EMBEDDINGS("/embeddings", "input", false, "embeddings");

    private final String upstreamPath;
    private final String inputField;
    private final boolean streams;
    private final String operation;

    InferenceEndpoint(String upstreamPath, String inputField, boolean streams, String operation) {
        this.upstreamPath = upstreamPath;
        this.inputField = inputField;
        this.streams = streams;
        this.operation = operation;
    }

    /** OpenTelemetry's {@code gen_ai.operation.name} for this endpoint. */
    public String operation() {
        return operation;
    }

    /** The endpoint for a servlet path such as {@code /v1/chat/completions}, or null. */
    public static InferenceEndpoint forPath(String servletPath) {
        for (InferenceEndpoint e : values()) {
            if (("/v1" + e.upstreamPath).equals(servletPath)) {
                return e;
            }
        }
        return null;
    }

    public String upstreamPath() {
        return upstreamPath;
    }

    /** True when the client asked for a stream (and this endpoint can stream). */
    public boolean streamed(JsonObject body) {
        return streams && body.get("stream") == JsonValue.TRUE;
    }

    /** The model asked for, after checking the request is one this endpoint can take. */
    public String validate(JsonObject body) {
        String model = model(body);
        JsonValue input = body.get(inputField);
        if (input == null || input == JsonValue.NULL) {
            throw new ApiException(ApiError.invalidRequest("Missing required parameter: '" + inputField + "'.", inputField));
        }
        switch (this) {
            case CHAT -> messages(input);
            case COMPLETIONS, EMBEDDINGS -> {
                boolean ok = input instanceof JsonString || (input instanceof JsonArray a && !a.isEmpty());
                if (!ok) {
                    throw new ApiException(ApiError.invalidRequest("'" + inputField
                            + "' must be a string or a non-empty array.", inputField));
                }
            }
        }
        JsonValue stream = body.get("stream");
        if (stream != null && stream != JsonValue.NULL && stream != JsonValue.TRUE && stream != JsonValue.FALSE) {
            throw new ApiException(ApiError.invalidRequest("'stream' must be true or false.", "stream"));
        }
        JsonValue options = body.get("stream_options");
        if (options != null && options != JsonValue.NULL && !(options instanceof JsonObject)) {
            throw new ApiException(ApiError.invalidRequest("'stream_options' must be an object.", "stream_options"));
        }
        integer(body, "n", 1, 128);
        integer(body, "max_tokens", 0, Integer.MAX_VALUE);
        integer(body, "max_completion_tokens", 0, Integer.MAX_VALUE);
        number(body, "temperature", 0, 2);
        number(body, "top_p", 0, 1);
        return model;
    }

    private static String model(JsonObject body) {
        JsonValue model = body.get("model");
        if (model == null || model == JsonValue.NULL) {
            throw new ApiException(ApiError.invalidRequest("Missing required parameter: 'model'.", "model"));
        }
        if (!(model instanceof JsonString s) || s.getString().isBlank()) {
            throw new ApiException(ApiError.invalidRequest("'model' must be a non-empty string.", "model"));
        }
        return s.getString();
    }

    private static void messages(JsonValue input) {
        if (!(input instanceof JsonArray messages) || messages.isEmpty()) {
            throw new ApiException(ApiError.invalidRequest("'messages' must be a non-empty array of message objects.",
                    "messages"));
        }
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.get(i) instanceof JsonObject m) || !(m.get("role") instanceof JsonString)) {
                throw new ApiException(ApiError.invalidRequest("'messages[" + i + "]' must be an object with a 'role'.",
                        "messages[" + i + "]"));
            }
        }
    }

    private static void integer(JsonObject body, String field, long min, long max) {
        JsonValue v = body.get(field);
        if (v == null || v == JsonValue.NULL) {
            return;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(min)) < 0
                || n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
            throw new ApiException(ApiError.invalidRequest("'" + field + "' must be an integer from " + min + " to "
                    + max + ".", field));
        }
    }

    private static void number(JsonObject body, String field, double min, double max) {
        JsonValue v = body.get(field);
        if (v == null || v == JsonValue.NULL) {
            return;
        }
        if (!(v instanceof JsonNumber n) || n.doubleValue() < min || n.doubleValue() > max) {
            throw new ApiException(ApiError.invalidRequest("'" + field + "' must be a number from " + min + " to "
                    + max + ".", field));
        }
    }
}
