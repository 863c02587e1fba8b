package io.tollgate.gateway.routing.control;

import io.tollgate.gateway.backends.control.Price;
import io.tollgate.gateway.config.control.GatewaySnapshot;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.platform.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final io.tollgate.gateway.testing.MovableClock clock = new io.tollgate.gateway.testing.MovableClock(NOW);
    private final BackendStats stats = new BackendStats(clock);
    private final Map<String, BackendHealth> health = new HashMap<>();

    private static Deployment deployment(String id, int weight, String tier, int quality, double pricePerMillion) {
        return new Deployment(id, "backend " + id, "upstream", weight, null,
                new Price(NOW, pricePerMillion, pricePerMillion, pricePerMillion), tier, quality, false);
    }

    private RoutingStrategy.Context context(String priority, long seed) {
        return new RoutingStrategy.Context("m", priority, stats,
                id -> health.getOrDefault(id, BackendHealth.unknown(id)), new Random(seed));
    }

    private Map<String, Integer> firstPicks(RoutingStrategy strategy, List<Deployment> candidates, String priority,
                                            int n) {
        Map<String, Integer> picks = new HashMap<>();
        for (int i = 0; i < n; i++) {
            List<Deployment> order = strategy.order(candidates, context(priority, i));
            assertEquals(candidates.size(), order.size(), "every candidate stays a fallback");
            picks.merge(order.get(0).backendId(), 1, Integer::sum);
        }
        return picks;
    }

    @Test
    void weightedSplitsInProportionWithinStatisticalBounds() {
        List<Deployment> ds = List.of(deployment("a", 9, "cloud", 0, 1), deployment("b", 1, "cloud", 0, 1));
        int n = 20_000;
        int a = firstPicks(Strategies.WEIGHTED, ds, null, n).getOrDefault("a", 0);
        // 90 %: the standard deviation of the share over 20,000 draws is 0.21 %; 4σ ≈ 0.85 %.
        assertEquals(0.9, a / (double) n, 0.0085);
    }

    @Test
    void roundRobinTakesTurns() {
        List<Deployment> ds = List.of(deployment("a", 1, "cloud", 0, 1), deployment("b", 5, "cloud", 0, 1),
                deployment("c", 1, "cloud", 0, 1));
        RoundRobinStrategy rr = new RoundRobinStrategy();
        Map<String, Integer> picks = firstPicks(rr, ds, null, 300);
        assertEquals(Map.of("a", 100, "b", 100, "c", 100), picks);
    }

    @Test
    void leastOutstandingPrefersTheIdleBackend() {
        List<Deployment> ds = List.of(deployment("a", 1, "cloud", 0, 1), deployment("b", 1, "cloud", 0, 1));
        for (int i = 0; i < 5; i++) {
            stats.started("a");
        }
        assertEquals(Map.of("b", 100), firstPicks(Strategies.LEAST_OUTSTANDING, ds, null, 100));
    }

    @Test
    void peakEwmaShiftsTrafficAwayFromASlowBackendAndBackWhenItRecovers() {
        List<Deployment> ds = List.of(deployment("fast", 1, "cloud", 0, 1), deployment("slow", 1, "cloud", 0, 1));
        long t = 0;
        for (int i = 0; i < 20; i++) {
            t += 50_000_000;
            stats.answered("fast", 20_000_000, t);
            stats.answered("slow", 400_000_000, t);
        }
        assertEquals(Map.of("fast", 1000), firstPicks(Strategies.PEAK_EWMA, ds, null, 1000),
                "with two candidates, power of two choices always compares both");
        // The slow one recovers: its average decays towards its new, fast answers.
        for (int i = 0; i < 200; i++) {
            t += 1_000_000_000L;
            stats.answered("slow", 10_000_000, t);
            stats.answered("fast", 20_000_000, t);
        }
        assertTrue(firstPicks(Strategies.PEAK_EWMA, ds, null, 1000).getOrDefault("slow", 0) > 900);
    }

    @Test
    void queueAwareAvoidsTheDeepQueue() {
        List<Deployment> ds = List.of(deployment("busy", 1, "self_hosted", 0, 1),
                deployment("idle", 1, "self_hosted", 0, 1));
        health.put("busy", new BackendHealth("busy", true, NOW, 5, 40, 0.5, "ok"));
        health.put("idle", new BackendHealth("idle", true, NOW, 5, 2, 0.9, "ok"));
        assertEquals(Map.of("idle", 100), firstPicks(Strategies.QUEUE_AWARE, ds, null, 100));
    }

    @Test
    void hybridRoutesBySeedPriorities() {
        Deployment selfHosted = deployment("gpu", 1, "self_hosted", 60, 0.8);
        Deployment cloudMini = deployment("mini", 1, "cloud", 70, 0.75);
        Deployment cloudBest = deployment("best", 1, "cloud", 95, 12.5);
        List<Deployment> ds = List.of(cloudBest, selfHosted, cloudMini);
        assertEquals(List.of("mini", "gpu", "best"), ids(Strategies.HYBRID.order(ds, context("cost", 1))));
        assertEquals(List.of("best", "mini", "gpu"), ids(Strategies.HYBRID.order(ds, context("quality", 1))));
        assertEquals("gpu", Strategies.HYBRID.order(ds, context("balanced", 1)).get(0).backendId());
        health.put("gpu", new BackendHealth("gpu", true, NOW, 5, Strategies.SATURATED_QUEUE, 0.3, "ok"));
        List<Deployment> spilled = Strategies.HYBRID.order(ds, context("balanced", 1));
        assertEquals("cloud", spilled.get(0).tier(), "a saturated self-hosted tier spills to the cloud");
        assertEquals("gpu", spilled.get(2).backendId(), "and stays the last resort");
    }

    @Test
    void consecutiveFailuresEjectForGrowingCappedTimesAndACheckBringsItBack() {
        for (int i = 0; i < BackendStats.EJECT_AFTER - 1; i++) {
            stats.failed("x");
        }
        assertFalse(stats.ejected("x"));
        stats.failed("x");
        assertTrue(stats.ejected("x"));
        clock.set(NOW.plus(BackendStats.BASE_EJECTION));
        assertFalse(stats.ejected("x"), "back after the first ejection time");
        for (int i = 0; i < BackendStats.EJECT_AFTER; i++) {
            stats.failed("x");
        }
        clock.advance(BackendStats.BASE_EJECTION);
        assertTrue(stats.ejected("x"), "the second ejection lasts twice as long");
        clock.advance(BackendStats.BASE_EJECTION);
        assertFalse(stats.ejected("x"));
        for (int e = 0; e < 10; e++) {
            for (int i = 0; i < BackendStats.EJECT_AFTER; i++) {
                stats.failed("x");
            }
        }
        clock.advance(BackendStats.MAX_EJECTION.plusSeconds(1));
        assertFalse(stats.ejected("x"), "capped at the maximum ejection time");
        for (int i = 0; i < BackendStats.EJECT_AFTER; i++) {
            stats.failed("x");
        }
        assertTrue(stats.ejected("x"));
        stats.passedCheck("x");
        assertFalse(stats.ejected("x"), "a passing active check ends the ejection");
        stats.throttled("y", Duration.ofSeconds(3));
        assertTrue(stats.ejected("y"));
        clock.advance(Duration.ofSeconds(4));
        assertFalse(stats.ejected("y"));
    }

    @Test
    void theRouterSkipsDrainedUnhealthyAndEjectedButNeverAllOnPassiveEvidence() {
        Router router = new Router();
        router.stats = stats;
        router.health = new FleetHealth();
        router.health.stats = stats;
        Deployment a = deployment("a", 1, "cloud", 0, 1);
        Deployment b = deployment("b", 1, "cloud", 0, 1);
        Deployment drained = new Deployment("c", "backend c", "upstream", 5, null, Price.FREE, "cloud", 0, true);
        GatewaySnapshot snapshot = new GatewaySnapshot(Map.of(), Map.of(), Map.of("m", List.of(a, b, drained)),
                Map.of(), Map.of(), Map.of(), NOW);
        for (int i = 0; i < 50; i++) {
            assertFalse(ids(router.route(snapshot, "m", null, "p")).contains("c"), "no new request to a drained one");
        }
        router.health.update(List.of(new BackendHealth("a", false, NOW, 5, null, null, "down")));
        assertEquals(List.of("b"), ids(router.route(snapshot, "m", null, "p")));
        for (int i = 0; i < BackendStats.EJECT_AFTER; i++) {
            stats.failed("b");
        }
        assertEquals(List.of("b"), ids(router.route(snapshot, "m", null, "p")),
                "the last healthy deployment is kept though ejected");
        router.health.update(List.of(new BackendHealth("a", false, NOW, 5, null, null, "down"),
                new BackendHealth("b", false, NOW, 5, null, null, "down")));
        ApiException none = assertThrows(ApiException.class, () -> router.route(snapshot, "m", null, "p"));
        assertEquals(503, none.error().status());
        assertTrue(none.error().message().contains("`m`"));
        assertEquals(404, assertThrows(ApiException.class, () -> router.route(snapshot, "other", null, "p")).error()
                .status());
        assertEquals(400, assertThrows(ApiException.class, () -> Router.priority("cheapest")).error().status());
        assertEquals("cost", Router.priority(" Cost "));
    }

    @Test
    void readsVllmEngineMetrics() {
        EngineMetrics m = EngineMetrics.parse("""
                # HELP vllm:num_requests_waiting Number of requests waiting.
                vllm:num_requests_waiting{model_name="llama"} 7.0
                vllm:num_requests_running{model_name="llama"} 12.0
                vllm:gpu_cache_usage_perc{model_name="llama"} 0.42
                """);
        assertEquals(7, m.waiting());
        assertEquals(0.42, m.cacheUsage());
        assertEquals(null, EngineMetrics.parse("other_metric 1").waiting());
    }

    private static List<String> ids(List<Deployment> ds) {
        return ds.stream().map(Deployment::backendId).toList();
    }
}
