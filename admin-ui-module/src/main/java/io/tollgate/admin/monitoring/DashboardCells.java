package io.tollgate.admin.monitoring;

import io.tollgate.admin.common.Formats;
import io.tollgate.gateway.monitoring.entity.Dashboard;
import io.tollgate.gateway.monitoring.entity.Dashboard.Health;

import java.util.Locale;

/** How the dashboard words its figures: units, a dash for none, and the one-line verdict on the thresholds. */
public final class DashboardCells {

    private DashboardCells() {
    }

    public static String millis(Double ms) {
        if (ms == null) {
            return Formats.NONE;
        }
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    public static String percent(Double share) {
        return share == null ? Formats.NONE : String.format(Locale.ROOT, "%.2f %%", share * 100);
    }

    public static String rate(double perSecond) {
        return perSecond >= 10 ? String.format(Locale.ROOT, "%.0f", perSecond)
                : perSecond >= 0.01 || perSecond == 0 ? String.format(Locale.ROOT, "%.2f", perSecond)
                : String.format(Locale.ROOT, "%.4f", perSecond);
    }

    public static String health(Health h) {
        if (h.healthy() == null) {
            return "Not checked yet";
        }
        return h.healthy() ? "Healthy" : "Down" + (h.detail() == null ? "" : ": " + h.detail());
    }

    public static String queue(Health h) {
        return h.queueDepth() == null ? Formats.NONE : Integer.toString(h.queueDepth());
    }

    /** Counts the breached thresholds, for the line at the top. */
    public static String verdict(Dashboard d) {
        long breaches = d.models().stream().mapToLong(DashboardCells::breaches).sum()
                + d.backends().stream().mapToLong(DashboardCells::breaches).sum()
                + d.health().stream().mapToLong(h -> (h.queueBreached() ? 1 : 0) + (h.gpuMemoryBreached() ? 1 : 0))
                .sum();
        return breaches == 0 ? "All alert thresholds hold"
                : breaches + (breaches == 1 ? " alert threshold breached" : " alert thresholds breached");
    }

    private static long breaches(Dashboard.Stats s) {
        return (s.p50Breached() ? 1 : 0) + (s.p99Breached() ? 1 : 0) + (s.errorRateBreached() ? 1 : 0);
    }
}
