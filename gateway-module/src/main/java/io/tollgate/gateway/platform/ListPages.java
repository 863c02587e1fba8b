package io.tollgate.gateway.platform;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;

/** OpenAI's list object: {@code {"object":"list","data":[…],"first_id","last_id","has_more"}}, and its query limits. */
public final class ListPages {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private ListPages() {
    }

    public static JsonObject list(List<JsonObject> data, boolean hasMore) {
        JsonArrayBuilder array = Jsonp.PROVIDER.createArrayBuilder();
        data.forEach(array::add);
        JsonObjectBuilder page = Jsonp.PROVIDER.createObjectBuilder().add("object", "list").add("data", array);
        if (data.isEmpty()) {
            page.addNull("first_id").addNull("last_id");
        } else {
            page.add("first_id", data.get(0).getString("id")).add("last_id", data.get(data.size() - 1).getString("id"));
        }
        return page.add("has_more", hasMore).build();
    }

    /** The {@code limit} query parameter: 1 to 100, 20 when absent. */
    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ApiException(ApiError.invalidRequest("'limit' must be an integer from 1 to " + MAX_LIMIT + ".", "limit"));
    }

    /** A JSON null for a missing value, else the value. */
    public static JsonObjectBuilder addNullable(JsonObjectBuilder b, String field, Long value) {
        return value == null ? b.addNull(field) : b.add(field, value);
    }

    public static JsonObjectBuilder addNullable(JsonObjectBuilder b, String field, String value) {
        return value == null ? b.addNull(field) : b.add(field, value);
    }
}
