package io.tollgate.gateway.ledger.boundary;

import io.tollgate.gateway.ledger.entity.UsageQuery;
import io.tollgate.gateway.ledger.entity.UsageRow;
import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * OpenAI's usage page: {@code {"object":"page","data":[buckets…],"has_more","next_page"}}, every bucket of the page
 * present, empty or not, as OpenAI answers.
 */
public record UsagePage<R>(String object, List<Bucket<R>> data, boolean hasMore, @JsonbNillable String nextPage) {

    /** One bucket of time and the results of its rows. */
    public record Bucket<R>(String object, long startTime, long endTime, List<R> results) {
    }

    /** The page's buckets, each with the results of its rows (rows come ordered by bucket). */
    static <R> UsagePage<R> of(UsageQuery q, List<UsageRow> rows, Function<UsageRow, R> result) {
        List<Bucket<R>> buckets = new ArrayList<>();
        int next = 0;
        for (Instant start = q.pageStart(); start.isBefore(q.pageEnd()); start = start.plus(q.bucketLength())) {
            Instant end = start.plus(q.bucketLength());
            List<R> results = new ArrayList<>();
            while (next < rows.size() && rows.get(next).bucket().isBefore(end)) {
                results.add(result.apply(rows.get(next++)));
            }
            buckets.add(new Bucket<>("bucket", start.getEpochSecond(), end.getEpochSecond(), results));
        }
        return new UsagePage<>("page", buckets, q.hasMore(),
                q.hasMore() ? Long.toString(q.pageEnd().getEpochSecond()) : null);
    }

    /** A grouped field carries its value, one not grouped by is null. */
    static String grouped(UsageQuery q, String field, String value) {
        return q.groupBy().contains(field) ? value : null;
    }
}
