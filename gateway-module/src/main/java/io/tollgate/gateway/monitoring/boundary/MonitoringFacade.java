package io.tollgate.gateway.monitoring.boundary;

import io.tollgate.gateway.monitoring.entity.Dashboard;
import io.tollgate.gateway.monitoring.entity.Dashboard.Window;
import io.tollgate.gateway.monitoring.control.DashboardReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The dashboard as the portal reads it, every few seconds from every open page: one read per window per
 * {@link #STALENESS} for the whole replica, however many admins watch. Staleness bound: 5 s plus the ledger's
 * own batching delay.
 */
@ApplicationScoped
public class MonitoringFacade {

    public static final Duration STALENESS = Duration.ofSeconds(5);

    private final Map<Window, Dashboard> cached = new EnumMap<>(Window.class);
    private BiFunction<Window, Instant, Dashboard> source;
    private Clock clock = Clock.systemUTC();

    @Inject
    DashboardReader reader;

    public MonitoringFacade() {
    }

    /** A facade over any source and clock, for tests. */
    MonitoringFacade(BiFunction<Window, Instant, Dashboard> source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public synchronized Dashboard dashboard(Window window) {
        Instant now = clock.instant();
        Dashboard last = cached.get(window);
        if (last != null && now.isBefore(last.readAt().plus(STALENESS))) {
            return last;
        }
        Dashboard fresh = source != null ? source.apply(window, now) : reader.read(window, now);
        cached.put(window, fresh);
        return fresh;
    }
}
