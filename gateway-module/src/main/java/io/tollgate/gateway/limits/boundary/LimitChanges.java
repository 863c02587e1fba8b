package io.tollgate.gateway.limits.boundary;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.Set;
import java.util.function.Function;

/**
 * Reads limit fields of an update body: a field left out keeps its value; {@code null} or {@code 0} removes the
 * limit; a positive integer sets it. Fields the endpoint does not know are refused by name.
 */
record LimitChanges(JsonObject body) {

    LimitChanges {
        body.keySet().stream().filter(f -> !KNOWN.contains(f)).findFirst().ifPresent(f -> {
            throw new ApiException(ApiError.invalidRequest("Unknown or unsupported parameter: '" + f + "'.", f));
        });
    }

    private static final Set<String> KNOWN = Set.of("max_requests_per_1_minute", "max_tokens_per_1_minute",
            "max_requests_per_1_day", "monthly_token_quota", "max_concurrent_requests", "on_database_outage",
            "default_priority");

    /** Checks that only these fields are present. */
    LimitChanges only(Set<String> allowed) {
        body.keySet().stream().filter(f -> !allowed.contains(f)).findFirst().ifPresent(f -> {
            throw new ApiException(ApiError.invalidRequest("Unknown or unsupported parameter: '" + f + "'.", f));
        });
        return this;
    }

    Integer integer(String field, Integer current) {
        return number(field, current, n -> n <= Integer.MAX_VALUE ? (int) (long) n : null);
    }

    Long longValue(String field, Long current) {
        return number(field, current, n -> n);
    }

    private <T> T number(String field, T current, Function<Long, T> convert) {
        if (!body.containsKey(field)) {
            return current;
        }
        JsonValue v = body.get(field);
        if (v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonNumber n && n.isIntegral() && n.bigDecimalValue().signum() >= 0
                && n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            long value = n.longValue();
            T converted = convert.apply(value);
            if (converted != null) {
                return value == 0 ? null : converted;
            }
        }
        throw new ApiException(ApiError.invalidRequest("'" + field + "' must be a positive integer, or 0 or null "
                + "for no limit.", field));
    }

    boolean has(String field) {
        return body.containsKey(field);
    }
}
