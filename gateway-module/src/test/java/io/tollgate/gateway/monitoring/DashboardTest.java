package io.tollgate.gateway.monitoring;

import io.tollgate.gateway.monitoring.entity.Dashboard;
import io.tollgate.gateway.monitoring.entity.Dashboard.Health;
import io.tollgate.gateway.monitoring.entity.Dashboard.Stats;
import io.tollgate.gateway.monitoring.entity.Dashboard.Window;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardTest {

    @Test
    void derivesRatesFromTheWindow() {
        Stats s = new Stats("demo", "demo", 360, 3, 120.0, 900.0, 40.0, 7200, 3600);
        assertEquals(0.1, s.requestsPerSecond(), 1e-9);
        assertEquals(2.0, s.tokensPerSecond(), 1e-9);
        assertEquals(3 / 360.0, s.errorRate(), 1e-9);
    }

    @Test
    void breachesOnlyAboveTheSeedsThresholds() {
        assertFalse(new Stats("m", "m", 100, 1, 500.0, 5000.0, null, 0, 60).p50Breached(), "500 ms is not above");
        assertFalse(new Stats("m", "m", 100, 1, 500.0, 5000.0, null, 0, 60).p99Breached());
        assertFalse(new Stats("m", "m", 100, 1, 500.0, 5000.0, null, 0, 60).errorRateBreached(), "1 % is not above");
        Stats slow = new Stats("m", "m", 100, 2, 501.0, 5001.0, null, 0, 60);
        assertTrue(slow.p50Breached());
        assertTrue(slow.p99Breached());
        assertTrue(slow.errorRateBreached());
    }

    @Test
    void aBackendBreachesOnQueueDepthAndGpuMemory() {
        Health calm = new Health("b", "b", true, Instant.EPOCH, 100, 0.90, "ok");
        assertFalse(calm.queueBreached());
        assertFalse(calm.gpuMemoryBreached());
        Health busy = new Health("b", "b", true, Instant.EPOCH, 101, 0.91, "ok");
        assertTrue(busy.queueBreached());
        assertTrue(busy.gpuMemoryBreached());
        Dashboard d = new Dashboard(Window.LAST_HOUR, Instant.EPOCH, List.of(), List.of(), List.of(busy), List.of(),
                List.of());
        assertTrue(d.anyBreach());
    }

    @Test
    void noRequestsIsNoErrorRateAndNoBreach() {
        Stats idle = new Stats("m", "m", 0, 0, null, null, null, 0, 3600);
        assertNull(idle.errorRate());
        assertFalse(idle.errorRateBreached());
        assertFalse(new Dashboard(Window.LAST_DAY, Instant.EPOCH, List.of(idle), List.of(),
                List.of(new Health("b", "b", null, null, null, null, null)), List.of(), List.of()).anyBreach());
    }
}
