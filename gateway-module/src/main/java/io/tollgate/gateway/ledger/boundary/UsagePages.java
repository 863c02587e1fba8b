package io.tollgate.gateway.ledger.boundary;

import io.tollgate.gateway.ledger.entity.UsageRow;
import io.tollgate.gateway.ledger.entity.UsageQuery;
import io.tollgate.gateway.platform.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MultivaluedMap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** OpenAI's usage page: {@code {"object":"page","data":[buckets…],"has_more","next_page"}}, every bucket present. */
final class UsagePages {

    private UsagePages() {
    }

    /** A usage page whose results carry the type's fields, then the grouped fields (others null). */
    static JsonObject page(UsageQuery q, List<UsageRow> rows, String resultType,
                           BiConsumer<UsageRow, JsonObjectBuilder> fields) {
        return page(q, rows, row -> {
            JsonObjectBuilder result = Jsonp.PROVIDER.createObjectBuilder().add("object", resultType);
            fields.accept(row, result);
            group(result, q, row);
            return result;
        });
    }

    /** Every bucket of the page, each with the results of its rows (rows come ordered by bucket). */
    static JsonObject page(UsageQuery q, List<UsageRow> rows,
                           java.util.function.Function<UsageRow, JsonObjectBuilder> result) {
        JsonArrayBuilder buckets = Jsonp.PROVIDER.createArrayBuilder();
        int next = 0;
        for (Instant start = q.pageStart(); start.isBefore(q.pageEnd()); start = start.plus(q.bucketLength())) {
            JsonArrayBuilder results = Jsonp.PROVIDER.createArrayBuilder();
            while (next < rows.size() && rows.get(next).bucket().isBefore(start.plus(q.bucketLength()))) {
                results.add(result.apply(rows.get(next++)));
            }
            buckets.add(Jsonp.PROVIDER.createObjectBuilder().add("object", "bucket")
                    .add("start_time", start.getEpochSecond())
                    .add("end_time", start.plus(q.bucketLength()).getEpochSecond()).add("results", results));
        }
        JsonObjectBuilder page = Jsonp.PROVIDER.createObjectBuilder().add("object", "page").add("data", buckets)
                .add("has_more", q.hasMore());
        if (q.hasMore()) {
            page.add("next_page", Long.toString(q.pageEnd().getEpochSecond()));
        } else {
            page.addNull("next_page");
        }
        return page.build();
    }

    /** The grouped fields carry their value; the others are null, as OpenAI answers. */
    private static void group(JsonObjectBuilder result, UsageQuery q, UsageRow row) {
        nullable(result, "project_id", q.groupBy().contains("project_id") ? row.projectId() : null);
        result.addNull("user_id");
        nullable(result, "api_key_id", q.groupBy().contains("api_key_id") ? row.apiKeyId() : null);
        nullable(result, "model", q.groupBy().contains("model") ? row.model() : null);
        result.addNull("batch");
    }

    static void nullable(JsonObjectBuilder b, String field, String value) {
        if (value == null) {
            b.addNull(field);
        } else {
            b.add(field, value);
        }
    }

    /** An array parameter as the SDKs send it ({@code name[]=…} or repeated {@code name=…}). */
    static List<String> list(MultivaluedMap<String, String> params, String name) {
        List<String> values = new ArrayList<>();
        for (String key : List.of(name, name + "[]")) {
            List<String> given = params.get(key);
            if (given != null) {
                given.stream().filter(v -> !v.isBlank()).forEach(values::add);
            }
        }
        return values;
    }
}
