package io.tollgate.gateway.limits.boundary;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.RequestBodies;
import io.tollgate.gateway.platform.binding.AdminBodies;
import io.tollgate.gateway.platform.binding.Bound;
import io.tollgate.gateway.platform.binding.JsonNames;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads a limits body into its record. A field the endpoint does not know is refused by name, as these endpoints
 * always have (JSON-B alone would skip it), and a limit that is no whole number in the words of {@link Limit}; then
 * {@link AdminBodies#bind}. In a change, a limit left out keeps its value, and {@code null} or {@code 0} removes it.
 */
final class LimitChanges {

    /** Limits bodies are a handful of numbers. */
    static final int MAX_BYTES = 64 * 1024;

    private LimitChanges() {
    }

    /** @param unknown the refusal's words before the field's name, e.g. "Unknown parameter" */
    static <T extends Record> Bound<T> read(InputStream raw, Class<T> type, String unknown) throws IOException {
        JsonObject body = RequestBodies.read(raw, MAX_BYTES);
        Set<String> known = Arrays.stream(type.getRecordComponents()).map(JsonNames::of).collect(Collectors.toSet());
        body.keySet().stream().filter(f -> !known.contains(f)).findFirst().ifPresent(f -> {
            throw new ApiException(ApiError.invalidRequest(unknown + ": '" + f + "'.", f));
        });
        for (RecordComponent component : type.getRecordComponents()) {
            Limit limit = component.getAccessor().getAnnotation(Limit.class);
            String field = JsonNames.of(component);
            if (limit != null && !wholeOrNull(body.get(field))) {
                // The limit's own words for a string or a fraction too, where the shape check would say less.
                throw new ApiException(ApiError.invalidRequest("'" + field + "' " + limit.message() + ".", field));
            }
        }
        return AdminBodies.bind(body, type);
    }

    private static boolean wholeOrNull(JsonValue value) {
        return value == null || value == JsonValue.NULL || value instanceof JsonNumber n && n.isIntegral()
                && n.bigDecimalValue().abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }

    /** A limit the store keeps as an int ({@link Limit} has checked it fits). */
    static Integer integer(Predicate<String> sent, String field, Long value, Integer current) {
        Long limit = longValue(sent, field, value, current == null ? null : current.longValue());
        return limit == null ? null : Math.toIntExact(limit);
    }

    static Long longValue(Predicate<String> sent, String field, Long value, Long current) {
        if (!sent.test(field)) {
            return current;
        }
        return value == null || value == 0 ? null : value;
    }
}
