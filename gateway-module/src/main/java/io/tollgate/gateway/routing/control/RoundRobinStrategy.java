package io.tollgate.gateway.routing.control;

import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One deployment after another, ignoring weights (the seed's load balancer). One counter per model. */
final class RoundRobinStrategy implements RoutingStrategy {

    private final AtomicInteger next = new AtomicInteger();

    @Override
    public List<Deployment> order(List<Deployment> candidates, Context context) {
        int n = candidates.size();
        if (n <= 1) {
            return candidates;
        }
        int start = Math.floorMod(next.getAndIncrement(), n);
        List<Deployment> rotation = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rotation.add(candidates.get((start + i) % n));
        }
        return rotation;
    }
}
