package io.tollgate.admin.monitoring;

import io.tollgate.admin.usage.BarChart;
import io.tollgate.gateway.monitoring.entity.Dashboard;
import io.tollgate.gateway.monitoring.entity.Dashboard.Health;
import io.tollgate.gateway.monitoring.entity.Dashboard.Stats;
import io.tollgate.gateway.monitoring.entity.Dashboard.Window;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardCellsTest {

    @Test
    void wordsLatenciesRatesAndShares() {
        assertEquals("120 ms", DashboardCells.millis(120.4));
        assertEquals("5.20 s", DashboardCells.millis(5200.0));
        assertEquals("—", DashboardCells.millis(null));
        assertEquals("1.50 %", DashboardCells.percent(0.015));
        assertEquals("0.0028", DashboardCells.rate(10 / 3600.0));
        assertEquals("42", DashboardCells.rate(42.2));
    }

    @Test
    void countsTheBreachedThresholds() {
        Stats slow = new Stats("m", "m", 100, 5, 800.0, 6000.0, null, 0, 3600);
        Health busy = new Health("b", "b", true, Instant.EPOCH, 150, 0.5, "ok");
        Dashboard d = new Dashboard(Window.LAST_HOUR, Instant.EPOCH, List.of(slow), List.of(), List.of(busy),
                List.of(), List.of());
        assertEquals("4 alert thresholds breached", DashboardCells.verdict(d));
        Dashboard calm = new Dashboard(Window.LAST_HOUR, Instant.EPOCH,
                List.of(new Stats("m", "m", 100, 0, 80.0, 300.0, 20.0, 0, 3600)), List.of(), List.of(), List.of(),
                List.of());
        assertEquals("All alert thresholds hold", DashboardCells.verdict(calm));
    }

    @Test
    void drawsTheThresholdAndMarksTheBarsAboveIt() {
        String svg = BarChart.svg("P50", List.of(new BarChart.Bar("fast", 100, "fast"),
                new BarChart.Bar("slow", 900, "slow")), v -> (long) v + " ms",
                new BarChart.Threshold(500, "P50 > 500 ms"));
        assertTrue(svg.contains("class=\"threshold\""), svg);
        assertTrue(svg.contains("alert: P50 &gt; 500 ms"), svg);
        assertEquals(1, svg.split("class=\"breached\"", -1).length - 1, "only the slow bar: " + svg);
        assertTrue(svg.contains("slow — above P50 &gt; 500 ms"), svg);
    }

    @Test
    void keepsTheThresholdInViewWhenEveryBarIsFarBelowIt() {
        String svg = BarChart.svg("P99", List.of(new BarChart.Bar("a", 10, "a")), v -> (long) v + "",
                new BarChart.Threshold(5000, "P99 > 5 s"));
        assertFalse(svg.contains("class=\"breached\""));
        // the axis reaches 1.25 × the threshold, so the line sits at 80 % of the plot height
        assertTrue(svg.contains(">6250<"), svg);
    }
}
