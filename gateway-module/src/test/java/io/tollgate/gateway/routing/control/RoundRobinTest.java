package io.tollgate.gateway.routing.control;

import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RoundRobinTest {

    private final RoundRobin roundRobin = new RoundRobin();

    private final Deployment a = deployment("a", 1);
    private final Deployment b = deployment("b", 5);
    private final Deployment drained = deployment("drained", 0);
    private final Deployment c = deployment("c", 1);
    private final List<Deployment> deployments = List.of(a, b, drained, c);

    @Test
    void spreadsRequestsEvenlyOverLiveDeployments() {
        Map<String, Integer> firstChoices = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            firstChoices.merge(roundRobin.order("llama", deployments).get(0).backendId(), 1, Integer::sum);
        }

        assertEquals(Map.of("a", 100, "b", 100, "c", 100), firstChoices);
    }

    @Test
    void neverRoutesToADeploymentOfWeightZero() {
        for (int i = 0; i < 10; i++) {
            assertFalse(roundRobin.order("llama", deployments).contains(drained));
        }
    }

    @Test
    void offersEveryLiveDeploymentOnceForFailover() {
        for (int i = 0; i < 6; i++) {
            List<Deployment> rotation = roundRobin.order("llama", deployments);
            assertEquals(3, rotation.size());
            assertEquals(new HashSet<>(List.of(a, b, c)), new HashSet<>(rotation));
        }
    }

    @Test
    void startsEachRequestOneDeploymentFurtherAlong() {
        assertEquals(List.of(a, b, c), roundRobin.order("llama", deployments));
        assertEquals(List.of(b, c, a), roundRobin.order("llama", deployments));
        assertEquals(List.of(c, a, b), roundRobin.order("llama", deployments));
        assertEquals(List.of(a, b, c), roundRobin.order("llama", deployments));
    }

    @Test
    void keepsASeparateTurnForEachModel() {
        roundRobin.order("llama", deployments);
        roundRobin.order("llama", deployments);

        assertEquals(List.of(a, b, c), roundRobin.order("mistral", deployments));
        assertEquals(List.of(c, a, b), roundRobin.order("llama", deployments));
    }

    @Test
    void alwaysOffersASingleLiveDeployment() {
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(a), roundRobin.order("llama", List.of(drained, a)));
        }
    }

    @Test
    void offersNothingWhenNoDeploymentTakesTraffic() {
        assertEquals(List.of(), roundRobin.order("llama", List.of(drained)));
        assertEquals(List.of(), roundRobin.order("llama", List.of()));
    }

    @Test
    void spreadsEvenlyUnderConcurrentRequests() throws Exception {
        List<Deployment> four = List.of(a, b, c, deployment("d", 2));
        Map<String, AtomicInteger> firstChoices = new ConcurrentHashMap<>();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(callers.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String first = roundRobin.order("llama", four).get(0).backendId();
                        firstChoices.computeIfAbsent(first, k -> new AtomicInteger()).incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }

        for (String id : List.of("a", "b", "c", "d")) {
            assertEquals(500, firstChoices.get(id).get(), id);
        }
    }

    private static Deployment deployment(String backendId, int weight) {
        return new Deployment(backendId, "backend " + backendId, "upstream", weight, null, null);
    }
}
