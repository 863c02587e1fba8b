package io.tollgate.admin.usage;

import io.tollgate.gateway.ledger.entity.UsageQuery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The ranges the usage page offers, each as a Usage API query: the last 24 hours in hourly buckets, the last 7 days
 * in daily ones, the current (partial) bucket included.
 */
public enum UsageRange {
    LAST_24_HOURS("Last 24 hours", "1h", Duration.ofHours(1), 24),
    LAST_7_DAYS("Last 7 days", "1d", Duration.ofDays(1), 7);

    private final String label;
    private final String width;
    private final Duration bucket;
    private final int buckets;

    UsageRange(String label, String width, Duration bucket, int buckets) {
        this.label = label;
        this.width = width;
        this.bucket = bucket;
        this.buckets = buckets;
    }

    public String label() {
        return label;
    }

    public Duration bucket() {
        return bucket;
    }

    public int buckets() {
        return buckets;
    }

    /** The first bucket: aligned to the bucket width, so that the last one is the one now runs in. */
    public Instant start(Instant now) {
        long s = bucket.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), s) * s).minus(bucket.multipliedBy(buckets - 1));
    }

    /** The query for one project (or every project when {@code projectId} is null), checked as the Usage API does. */
    public UsageQuery query(String projectId, Instant now) {
        return UsageQuery.parse(Long.toString(start(now).getEpochSecond()),
                Long.toString(now.getEpochSecond() + 1), width, Set.of("1h", "1d"), List.of(),
                Set.of("project_id", "model"), projectId == null ? List.of() : List.of(projectId), List.of(),
                List.of(), Integer.toString(buckets), null, now);
    }
}
