package io.tollgate.admin.models;

import io.tollgate.admin.common.Formats;
import io.tollgate.gateway.routing.boundary.ModelRoutesFacade.DeploymentView;

import java.util.Locale;
import java.util.Map;

/** The text of each deployment and strategy cell, kept apart from the grid so that it can be tested. */
public final class DeploymentCells {

    private static final Map<String, String> STRATEGIES = Map.of(
            "round_robin", "Round robin",
            "weighted", "Weighted",
            "least_outstanding", "Least outstanding requests",
            "peak_ewma", "Peak EWMA latency (two choices)",
            "queue_aware", "Shortest engine queue",
            "hybrid", "Hybrid (priority, then cost or quality)");

    private DeploymentCells() {
    }

    public static String strategy(String name) {
        return STRATEGIES.getOrDefault(name, name);
    }

    /** "Ejected", "Draining", "Unhealthy" or "Healthy", the first that holds. */
    public static String state(DeploymentView d) {
        if (d.ejected()) {
            return "Ejected";
        }
        if (d.draining()) {
            return "Draining";
        }
        return d.healthy() ? "Healthy" : "Unhealthy";
    }

    public static String stateTheme(DeploymentView d) {
        return d.ejected() || !d.healthy() ? "badge error" : d.draining() ? "badge contrast" : "badge success";
    }

    /** The engine's queue as the health check last read it; a dash where the engine does not report one. */
    public static String queue(DeploymentView d) {
        return d.waiting() == null ? Formats.NONE : Formats.count(d.waiting());
    }

    public static String firstByte(DeploymentView d) {
        return d.ewmaFirstByteMs() <= 0 ? Formats.NONE : String.format(Locale.ROOT, "%.0f ms", d.ewmaFirstByteMs());
    }

    public static String tier(DeploymentView d) {
        return "self_hosted".equals(d.tier()) ? "Self-hosted" : "cloud".equals(d.tier()) ? "Cloud"
                : d.tier() == null ? Formats.NONE : d.tier();
    }

    /** The share of new requests a weighted choice gives this deployment among those that can take traffic. */
    public static String share(DeploymentView d, java.util.List<DeploymentView> all) {
        long total = all.stream().filter(DeploymentCells::routable).mapToLong(DeploymentView::weight).sum();
        if (!routable(d) || total == 0) {
            return "0%";
        }
        return Math.round(100.0 * d.weight() / total) + "%";
    }

    static boolean routable(DeploymentView d) {
        return d.healthy() && !d.ejected() && !d.draining();
    }
}
