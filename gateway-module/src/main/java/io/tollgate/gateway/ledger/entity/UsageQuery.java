package io.tollgate.gateway.ledger.entity;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A Usage or Costs API query, checked: a bounded range, a known bucket width, known group_by fields, a page of at
 * most the width's maximum number of buckets. Buckets are aligned to UTC minute, hour or day boundaries.
 *
 * @param pageStart the first bucket of this page (from {@code page}, else {@code start_time} aligned down)
 */
public record UsageQuery(Instant start, Instant end, Width width, Set<String> groupBy, List<String> projectIds,
                         List<String> apiKeyIds, List<String> models, int limit, Instant pageStart) {

    /** Bucket widths with OpenAI's default and maximum number of buckets per page. */
    public enum Width {
        MINUTE("1m", Duration.ofMinutes(1), 60, 1440),
        HOUR("1h", Duration.ofHours(1), 24, 168),
        DAY("1d", Duration.ofDays(1), 7, 31);

        final String label;
        final Duration length;
        final int defaultLimit;
        final int maxLimit;

        Width(String label, Duration length, int defaultLimit, int maxLimit) {
            this.label = label;
            this.length = length;
            this.defaultLimit = defaultLimit;
            this.maxLimit = maxLimit;
        }

        Instant align(Instant t) {
            long s = length.toSeconds();
            return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
        }

        static Width parse(String value, Set<String> allowed) {
            String v = value == null ? "1d" : value;
            for (Width w : values()) {
                if (w.label.equals(v) && allowed.contains(v)) {
                    return w;
                }
            }
            throw new ApiException(ApiError.invalidRequest("'bucket_width' must be one of " + allowed + ".",
                    "bucket_width"));
        }
    }

    public static UsageQuery parse(String startTime, String endTime, String bucketWidth, Set<String> widths,
                                   List<String> groupBy, Set<String> groupable, List<String> projectIds,
                                   List<String> apiKeyIds, List<String> models, String limit, String page,
                                   Instant now) {
        if (startTime == null || startTime.isBlank()) {
            throw new ApiException(ApiError.invalidRequest("Missing required parameter: 'start_time' (unix seconds).",
                    "start_time"));
        }
        Instant start = epoch(startTime, "start_time");
        Instant end = endTime == null || endTime.isBlank() ? now : epoch(endTime, "end_time");
        if (!end.isAfter(start)) {
            throw new ApiException(ApiError.invalidRequest("'end_time' must be after 'start_time'.", "end_time"));
        }
        Width width = Width.parse(bucketWidth, widths);
        Set<String> groups = new LinkedHashSet<>();
        for (String g : groupBy) {
            for (String field : g.split(",")) {
                String f = field.strip();
                if (f.isEmpty()) {
                    continue;
                }
                if (!groupable.contains(f)) {
                    throw new ApiException(ApiError.invalidRequest("'group_by' accepts " + groupable + "; '" + f
                            + "' is not one of them.", "group_by"));
                }
                groups.add(f);
            }
        }
        int size = width.defaultLimit;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > width.maxLimit) {
                throw new ApiException(ApiError.invalidRequest("'limit' must be from 1 to " + width.maxLimit
                        + " buckets for bucket_width " + width.label + ".", "limit"));
            }
        }
        Instant first = width.align(start);
        if (page != null && !page.isBlank()) {
            Instant cursor = epoch(page, "page");
            if (cursor.isBefore(first) || !cursor.isBefore(end) || !width.align(cursor).equals(cursor)) {
                throw new ApiException(ApiError.invalidRequest("'page' is not a cursor of this query.", "page"));
            }
            first = cursor;
        }
        return new UsageQuery(start, end, width, groups, projectIds, apiKeyIds, models, size, first);
    }

    private static Instant epoch(String value, String param) {
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 0 && seconds < 32_503_680_000L) {
                return Instant.ofEpochSecond(seconds);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ApiException(ApiError.invalidRequest("'" + param + "' must be a unix time in seconds.", param));
    }

    /** Where this page ends: after {@code limit} buckets, or at the end of the range. */
    public Instant pageEnd() {
        Instant after = pageStart.plus(width.length.multipliedBy(limit));
        return after.isBefore(end) ? after : end;
    }

    public boolean hasMore() {
        return pageEnd().isBefore(end);
    }

    public Duration bucketLength() {
        return width.length;
    }
}
