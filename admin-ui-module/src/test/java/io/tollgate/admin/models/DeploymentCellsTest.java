package io.tollgate.admin.models;

import io.tollgate.gateway.routing.boundary.ModelRoutesFacade;
import io.tollgate.gateway.routing.boundary.ModelRoutesFacade.DeploymentView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DeploymentCellsTest {

    static DeploymentView deployment(int weight, boolean healthy, boolean ejected, boolean draining, Integer waiting,
                                     double ewmaMs) {
        return new DeploymentView("b", "vllm-a", "llama", weight, 50, "self_hosted", draining, healthy, ejected, 2,
                waiting, ewmaMs);
    }

    @Test
    void namesEveryStrategyTheFacadeOffers() {
        for (String strategy : ModelRoutesFacade.STRATEGIES) {
            assertNotEquals(strategy, DeploymentCells.strategy(strategy), strategy + " has a readable name");
        }
    }

    @Test
    void showsTheStateRoutingActsOn() {
        assertEquals("Ejected", DeploymentCells.state(deployment(1, true, true, false, null, 0)));
        assertEquals("Draining", DeploymentCells.state(deployment(1, true, false, true, null, 0)));
        assertEquals("Unhealthy", DeploymentCells.state(deployment(1, false, false, false, null, 0)));
        assertEquals("Healthy", DeploymentCells.state(deployment(1, true, false, false, null, 0)));
    }

    @Test
    void sharesTrafficByWeightAmongDeploymentsThatCanTakeIt() {
        DeploymentView heavy = deployment(3, true, false, false, null, 0);
        DeploymentView light = deployment(1, true, false, false, null, 0);
        DeploymentView ejected = deployment(4, true, true, false, null, 0);
        List<DeploymentView> all = List.of(heavy, light, ejected);

        assertEquals("75%", DeploymentCells.share(heavy, all));
        assertEquals("25%", DeploymentCells.share(light, all));
        assertEquals("0%", DeploymentCells.share(ejected, all));
    }

    @Test
    void showsQueueAndLatencyOnlyWhereKnown() {
        assertEquals("—", DeploymentCells.queue(deployment(1, true, false, false, null, 0)));
        assertEquals("12", DeploymentCells.queue(deployment(1, true, false, false, 12, 0)));
        assertEquals("—", DeploymentCells.firstByte(deployment(1, true, false, false, null, 0)));
        assertEquals("231 ms", DeploymentCells.firstByte(deployment(1, true, false, false, null, 230.6)));
        assertEquals("Self-hosted", DeploymentCells.tier(deployment(1, true, false, false, null, 0)));
    }
}
