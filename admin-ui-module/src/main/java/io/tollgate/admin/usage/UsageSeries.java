package io.tollgate.admin.usage;

import io.tollgate.gateway.ledger.entity.UsageRow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Usage rows as one bucket per period, the empty ones included (a chart needs its gaps), and their totals. */
public record UsageSeries(List<Bucket> buckets) {

    /** One period's totals. */
    public record Bucket(Instant start, long requests, long tokens, long costNanoUsd) {
    }

    public static UsageSeries of(List<UsageRow> rows, Instant first, Duration width, int count) {
        Map<Instant, long[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            sums.put(first.plus(width.multipliedBy(i)), new long[3]);
        }
        for (UsageRow r : rows) {
            long[] sum = sums.get(r.bucket());
            if (sum != null) {
                sum[0] += r.requests();
                sum[1] += r.promptTokens() + r.completionTokens();
                sum[2] += r.costNanoUsd();
            }
        }
        List<Bucket> buckets = new ArrayList<>();
        sums.forEach((start, sum) -> buckets.add(new Bucket(start, sum[0], sum[1], sum[2])));
        return new UsageSeries(List.copyOf(buckets));
    }

    public long requests() {
        return buckets.stream().mapToLong(Bucket::requests).sum();
    }

    public long tokens() {
        return buckets.stream().mapToLong(Bucket::tokens).sum();
    }

    public long costNanoUsd() {
        return buckets.stream().mapToLong(Bucket::costNanoUsd).sum();
    }
}
