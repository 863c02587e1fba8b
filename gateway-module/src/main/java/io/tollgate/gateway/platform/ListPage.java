package io.tollgate.gateway.platform;

import jakarta.json.bind.annotation.JsonbNillable;

import java.util.List;
import java.util.function.Function;

/** OpenAI's list object as a record: {@code {"object":"list","data":[…],"first_id","last_id","has_more"}}. */
public record ListPage<T>(String object, List<T> data, @JsonbNillable String firstId, @JsonbNillable String lastId,
                          boolean hasMore) {

    public static <T> ListPage<T> of(List<T> data, Function<T, String> id, boolean hasMore) {
        return new ListPage<>("list", data, data.isEmpty() ? null : id.apply(data.get(0)),
                data.isEmpty() ? null : id.apply(data.get(data.size() - 1)), hasMore);
    }
}
