package io.tollgate.gateway.config.control;

import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.config.control.GatewaySnapshot.TenantKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewaySnapshotTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void servesAModelWithAtLeastOneDeploymentTakingTraffic() {
        GatewaySnapshot snapshot = withDeployments(Map.of(
                "llama", List.of(deployment("a", 0), deployment("b", 3)),
                "mistral", List.of(deployment("c", 1))));

        assertEquals(List.of("llama", "mistral"), List.copyOf(snapshot.servedModels()));
    }

    @Test
    void doesNotServeAModelWhoseDeploymentsAllHaveWeightZero() {
        GatewaySnapshot snapshot = withDeployments(Map.of(
                "drained", List.of(deployment("a", 0), deployment("b", 0)),
                "live", List.of(deployment("c", 1))));

        assertEquals(Set.of("live"), snapshot.servedModels());
    }

    @Test
    void listsServedModelsInNameOrder() {
        GatewaySnapshot snapshot = withDeployments(Map.of(
                "zephyr", List.of(deployment("a", 1)),
                "alpha", List.of(deployment("b", 1)),
                "mid", List.of(deployment("c", 1))));

        assertEquals(List.of("alpha", "mid", "zephyr"), List.copyOf(snapshot.servedModels()));
    }

    @Test
    void hasNoDeploymentsForAnUnknownModel() {
        GatewaySnapshot snapshot = withDeployments(Map.of("llama", List.of(deployment("a", 1))));

        assertEquals(List.of(), snapshot.deployments("gpt-4o"));
    }

    @Test
    void givesAKnownModelsDeploymentsInTheirOrder() {
        List<Deployment> deployments = List.of(deployment("a", 1), deployment("b", 0), deployment("c", 2));
        GatewaySnapshot snapshot = withDeployments(Map.of("llama", deployments));

        assertEquals(deployments, snapshot.deployments("llama"));
    }

    @Test
    void servesNothingWhenEmpty() {
        assertEquals(Set.of(), GatewaySnapshot.EMPTY.servedModels());
        assertEquals(List.of(), GatewaySnapshot.EMPTY.deployments("any"));
        assertEquals(Optional.empty(), GatewaySnapshot.EMPTY.tenantKey("00"));
    }

    @Test
    void findsATenantKeyByItsDigest() {
        TenantKey key = new TenantKey("key_1", "proj_1", new byte[]{1, 2}, null, null);
        GatewaySnapshot snapshot = new GatewaySnapshot(Map.of("0102", key), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), NOW);

        assertSame(key, snapshot.tenantKey("0102").orElseThrow());
        assertEquals(Optional.empty(), snapshot.tenantKey("0103"));
    }

    @Test
    void treatsAKeyAsExpiredFromItsExpiryInstantOn() {
        TenantKey key = new TenantKey("key_1", "proj_1", new byte[0], NOW, null);

        assertFalse(key.expiredAt(NOW.minusMillis(1)));
        assertTrue(key.expiredAt(NOW));
        assertTrue(key.expiredAt(NOW.plusSeconds(1)));
    }

    @Test
    void neverExpiresAKeyWithoutExpiry() {
        TenantKey key = new TenantKey("key_1", "proj_1", new byte[0], null, null);

        assertFalse(key.expiredAt(Instant.MAX));
    }

    private static GatewaySnapshot withDeployments(Map<String, List<Deployment>> byModel) {
        return new GatewaySnapshot(Map.of(), Map.of(), byModel, Map.of(), Map.of(), Map.of(), NOW);
    }

    private static Deployment deployment(String backendId, int weight) {
        return new Deployment(backendId, "backend " + backendId, "upstream", weight, null, null, "cloud", 0, false);
    }
}
