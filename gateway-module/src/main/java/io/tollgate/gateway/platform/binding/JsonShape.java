package io.tollgate.gateway.platform.binding;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.List;

/**
 * Checks that every field a body sends has the JSON type its record component needs, before JSON-B binds it: a type
 * error then names its field ({@code 'gpu.count' must be an integer from 1 to 4096}), where JSON-B would say which
 * only in its message text. Absent and null fields pass; Bean Validation decides whether they may be.
 */
final class JsonShape {

    private JsonShape() {
    }

    static void check(JsonObject body, Class<?> type) {
        check(body, type, "");
    }

    private static void check(JsonObject body, Class<?> type, String prefix) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = JsonNames.of(component);
            JsonValue value = body.get(name);
            if (value != null && value != JsonValue.NULL) {
                check(value, component.getGenericType(), component.getAccessor(), prefix + name);
            }
        }
    }

    private static void check(JsonValue value, Type type, AnnotatedElement rules, String path) {
        Class<?> raw = JsonNames.raw(type);
        if (JsonValue.class.isAssignableFrom(raw)) {
            return;
        }
        if (raw == String.class) {
            require(value instanceof JsonString, path, "a string");
        } else if (raw == Integer.class || raw == int.class) {
            require(integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE), path, integerWords(rules));
        } else if (raw == Long.class || raw == long.class) {
            require(integral(value, Long.MIN_VALUE, Long.MAX_VALUE), path, integerWords(rules));
        } else if (raw == BigDecimal.class) {
            require(value instanceof JsonNumber, path, "a number");
        } else if (raw == Boolean.class || raw == boolean.class) {
            require(value == JsonValue.TRUE || value == JsonValue.FALSE, path, "true or false");
        } else if (List.class.isAssignableFrom(raw)) {
            require(value instanceof JsonArray, path, "an array");
            JsonArray array = (JsonArray) value;
            Type element = JsonNames.elementType(type);
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) == JsonValue.NULL) {
                    throw wrong(path + "[" + i + "]", "a value, not null");
                }
                check(array.get(i), element, null, path + "[" + i + "]");
            }
        } else if (raw.isRecord()) {
            require(value instanceof JsonObject, path, "an object");
            check((JsonObject) value, raw, path + ".");
        } else {
            throw new IllegalStateException("No JSON shape for " + type + " at " + path);
        }
    }

    private static boolean integral(JsonValue value, long min, long max) {
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            return false;
        }
        BigDecimal v = n.bigDecimalValue();
        return v.compareTo(BigDecimal.valueOf(min)) >= 0 && v.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    private static String integerWords(AnnotatedElement rules) {
        IntRange range = rules == null ? null : rules.getAnnotation(IntRange.class);
        return range == null ? "an integer" : "an integer from " + range.min() + " to " + range.max();
    }

    private static void require(boolean holds, String path, String what) {
        if (!holds) {
            throw wrong(path, what);
        }
    }

    private static ApiException wrong(String path, String what) {
        return new ApiException(ApiError.invalidRequest("'" + path + "' must be " + what + ".", path));
    }
}
