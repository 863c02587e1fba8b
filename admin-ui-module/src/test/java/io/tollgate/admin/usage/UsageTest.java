package io.tollgate.admin.usage;

import io.tollgate.gateway.ledger.entity.UsageRow;
import io.tollgate.gateway.ledger.entity.UsageQuery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageTest {

    static final Instant NOW = Instant.parse("2025-06-10T15:42:00Z");

    @Test
    void asksForTwentyFourHourlyBucketsEndingWithTheCurrentOne() {
        UsageQuery q = UsageRange.LAST_24_HOURS.query("proj_1", NOW);

        assertEquals(Instant.parse("2025-06-09T16:00:00Z"), q.pageStart());
        assertEquals(Duration.ofHours(1), q.bucketLength());
        assertEquals(24, q.limit());
        assertEquals(List.of("proj_1"), q.projectIds());
        assertFalse(q.hasMore(), "one page holds the whole range");
        assertTrue(q.pageEnd().isAfter(NOW));
    }

    @Test
    void asksForSevenDailyBucketsForEveryProject() {
        UsageQuery q = UsageRange.LAST_7_DAYS.query(null, NOW);

        assertEquals(Instant.parse("2025-06-04T00:00:00Z"), q.pageStart());
        assertEquals(Duration.ofDays(1), q.bucketLength());
        assertTrue(q.projectIds().isEmpty());
        assertFalse(q.hasMore());
    }

    @Test
    void fillsEmptyBucketsAndSumsTokensAndCost() {
        Instant first = UsageRange.LAST_24_HOURS.start(NOW);
        Instant third = first.plus(Duration.ofHours(2));
        List<UsageRow> rows = List.of(
                new UsageRow(third, null, null, null, 3, 100, 10, 50, 2_000_000),
                new UsageRow(third, null, null, null, 1, 10, 0, 5, 500_000),
                new UsageRow(first.minus(Duration.ofHours(1)), null, null, null, 99, 1, 1, 1, 1));

        UsageSeries series = UsageSeries.of(rows, first, Duration.ofHours(1), 24);

        assertEquals(24, series.buckets().size());
        assertEquals(0, series.buckets().get(0).requests());
        assertEquals(new UsageSeries.Bucket(third, 4, 165, 2_500_000), series.buckets().get(2));
        assertEquals(4, series.requests(), "a row outside the range is not counted");
        assertEquals(165, series.tokens());
        assertEquals(2_500_000, series.costNanoUsd());
    }

    @Test
    void drawsOneBarPerBucketScaledToTheLargest() {
        String svg = BarChart.svg("Requests", List.of(new BarChart.Bar("10:00", 5, "5 requests"),
                new BarChart.Bar("11:00", 10, "10 requests"), new BarChart.Bar("12:00", 0, "none")),
                v -> Long.toString(Math.round(v)));

        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        assertEquals(3, svg.split("<rect ", -1).length - 1);
        assertTrue(svg.contains("height=\"150.0\""), "the largest bar fills the plot: " + svg);
        assertTrue(svg.contains("height=\"75.0\""), "half the largest, half the height: " + svg);
        assertTrue(svg.contains(">10</text>"), "the axis shows the maximum");
    }

    @Test
    void drawsAnEmptyRangeWithoutDividingByZeroAndEscapesText() {
        String svg = BarChart.svg("<Cost> & more", List.of(new BarChart.Bar("a", 0, "x"), new BarChart.Bar("b", 0,
                "y")), v -> "$" + v);

        assertFalse(svg.contains("NaN"), svg);
        assertTrue(svg.contains("&lt;Cost&gt; &amp; more"), svg);
    }
}
