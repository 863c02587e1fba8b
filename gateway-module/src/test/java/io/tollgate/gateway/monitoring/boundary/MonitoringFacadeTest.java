package io.tollgate.gateway.monitoring.boundary;

import io.tollgate.gateway.monitoring.entity.Dashboard;
import io.tollgate.gateway.monitoring.entity.Dashboard.Window;
import io.tollgate.gateway.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class MonitoringFacadeTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T01:00:00Z"));
    private final List<Instant> reads = new ArrayList<>();
    private final MonitoringFacade facade = new MonitoringFacade((window, now) -> {
        reads.add(now);
        return new Dashboard(window, now, List.of(), List.of(), List.of(), List.of(), List.of());
    }, clock);

    @Test
    void servesOneReadToEveryCallerWithinTheStalenessBound() {
        Dashboard first = facade.dashboard(Window.LAST_HOUR);
        clock.advance(MonitoringFacade.STALENESS.minusMillis(1));
        assertSame(first, facade.dashboard(Window.LAST_HOUR));
        assertEquals(1, reads.size());
    }

    @Test
    void readsAgainOnceTheCachedDashboardIsAsOldAsTheBound() {
        facade.dashboard(Window.LAST_HOUR);
        clock.advance(MonitoringFacade.STALENESS);
        Dashboard second = facade.dashboard(Window.LAST_HOUR);
        assertEquals(2, reads.size());
        assertEquals(clock.instant(), second.readAt(), "never older than the bound");
    }

    @Test
    void cachesEachWindowOnItsOwn() {
        facade.dashboard(Window.LAST_HOUR);
        facade.dashboard(Window.LAST_DAY);
        facade.dashboard(Window.LAST_DAY);
        assertEquals(2, reads.size());
        assertEquals(Window.LAST_DAY, facade.dashboard(Window.LAST_DAY).window());
    }

    @Test
    void neverServesADashboardOlderThanTheBound() {
        for (int i = 0; i < 100; i++) {
            Dashboard d = facade.dashboard(Window.LAST_HOUR);
            assertEquals(true, Duration.between(d.readAt(), clock.instant()).compareTo(MonitoringFacade.STALENESS) < 0,
                    "served a dashboard read at " + d.readAt() + " at " + clock.instant());
            clock.advance(Duration.ofMillis(700));
        }
    }
}
