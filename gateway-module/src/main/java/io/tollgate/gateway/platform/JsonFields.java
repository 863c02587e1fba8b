package io.tollgate.gateway.platform;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Optional;

/**
 * Reads fields of a request body with OpenAI-style errors naming the offending parameter, so every endpoint
 * validates the same way.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static JsonObject object(JsonValue body) {
        if (!(body instanceof JsonObject o)) {
            throw new ApiException(ApiError.invalidRequest("The request body must be a JSON object.", null));
        }
        return o;
    }

    public static String requiredString(JsonObject o, String field, String param) {
        return optionalString(o, field, param).filter(s -> !s.isBlank()).orElseThrow(() -> new ApiException(
                ApiError.invalidRequest("Missing required parameter: '" + param + "'.", param)));
    }

    public static Optional<String> optionalString(JsonObject o, String field, String param) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (v instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        throw new ApiException(ApiError.invalidRequest("'" + param + "' must be a string.", param));
    }

    public static Optional<Integer> optionalInt(JsonObject o, String field, String param, int min, int max) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            long value = n.longValue();
            if (value >= min && value <= max && n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(value)) == 0) {
                return Optional.of((int) value);
            }
        }
        throw new ApiException(ApiError.invalidRequest("'" + param + "' must be an integer from " + min + " to " + max
                + ".", param));
    }

    public static Optional<Boolean> optionalBoolean(JsonObject o, String field, String param) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return Optional.of(v == JsonValue.TRUE);
        }
        throw new ApiException(ApiError.invalidRequest("'" + param + "' must be true or false.", param));
    }
}
