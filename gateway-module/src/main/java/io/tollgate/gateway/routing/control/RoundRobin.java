package io.tollgate.gateway.routing.control;

import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spreads a model's requests over the deployments that take traffic (weight &gt; 0), one after another.
 * Returns the whole rotation so that the relay can fall over to the next one when a backend cannot be reached.
 */
@ApplicationScoped
public class RoundRobin {

    private final ConcurrentHashMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    public List<Deployment> order(String model, List<Deployment> deployments) {
        List<Deployment> live = new ArrayList<>(deployments.size());
        for (Deployment d : deployments) {
            if (d.weight() > 0) {
                live.add(d);
            }
        }
        int n = live.size();
        if (n <= 1) {
            return live;
        }
        int start = Math.floorMod(counters.computeIfAbsent(model, m -> new AtomicInteger()).getAndIncrement(), n);
        List<Deployment> rotation = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rotation.add(live.get((start + i) % n));
        }
        return rotation;
    }
}
