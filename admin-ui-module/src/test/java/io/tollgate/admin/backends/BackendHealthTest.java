package io.tollgate.admin.backends;

import io.tollgate.gateway.routing.boundary.ModelRoutesFacade.DeploymentView;
import io.tollgate.gateway.routing.boundary.ModelRoutesFacade.ModelRouteView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BackendHealthTest {

    static DeploymentView deployment(String backend, boolean healthy, boolean ejected, boolean draining,
                                      int outstanding) {
        return new DeploymentView(backend, backend + "-name", "m", 1, 0, "cloud", draining, healthy, ejected,
                outstanding, null, 0);
    }

    @Test
    void summarisesEachBackendOnceOverTheModelsItServes() {
        Map<String, BackendHealth> states = BackendHealth.byBackend(List.of(
                new ModelRouteView("a", "weighted", List.of(deployment("b1", true, false, false, 3),
                        deployment("b2", false, false, false, 0))),
                new ModelRouteView("b", "weighted", List.of(deployment("b1", true, false, false, 3)))));

        assertEquals(2, states.size());
        assertEquals("Healthy · 3 in flight", states.get("b1").describe());
        assertEquals("Unhealthy", states.get("b2").describe());
        assertNull(states.get("b3"));
    }

    @Test
    void putsEjectionBeforeDrainingBeforeHealth() {
        assertEquals("Ejected", new BackendHealth(true, true, true, 0).label());
        assertEquals("Draining", new BackendHealth(true, false, true, 0).label());
        assertEquals("badge error", new BackendHealth(true, true, false, 0).theme());
        assertEquals("badge success", new BackendHealth(true, false, false, 0).theme());
    }

    @Test
    void saysWhyABackendIsNotRouted() {
        assertEquals("Off", BackendHealth.unrouted(false));
        assertEquals("Not routed", BackendHealth.unrouted(true));
    }
}
