package io.tollgate.gateway.routing.control;

import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The stateless strategies. Each keeps every candidate in its answer, so fallbacks cross tiers. */
final class Strategies {

    /** A self-hosted deployment whose engine has this many requests waiting is saturated (the seed's HPA target). */
    static final int SATURATED_QUEUE = 50;
    /** … or whose KV cache is this full. */
    static final double SATURATED_CACHE = 0.95;

    private Strategies() {
    }

    /** A deployment drawn in proportion to its weight (canary and A/B splits), the others by weight after it. */
    static final RoutingStrategy WEIGHTED = (candidates, c) -> {
        if (candidates.size() <= 1) {
            return candidates;
        }
        long total = 0;
        for (Deployment d : candidates) {
            total += d.weight();
        }
        long pick = c.random().nextLong(total);
        Deployment first = candidates.get(0);
        for (Deployment d : candidates) {
            pick -= d.weight();
            if (pick < 0) {
                first = d;
                break;
            }
        }
        List<Deployment> order = new ArrayList<>(candidates.size());
        order.add(first);
        Deployment chosen = first;
        candidates.stream().filter(d -> d != chosen)
                .sorted(Comparator.comparingInt(Deployment::weight).reversed()).forEach(order::add);
        return order;
    };

    /** Fewest requests outstanding on this replica, relative to weight; ties broken at random. */
    static final RoutingStrategy LEAST_OUTSTANDING = (candidates, c) -> sorted(candidates, c,
            Comparator.comparingDouble(d -> (c.stats().outstanding(d.backendId()) + 1.0) / Math.max(1, d.weight())));

    /**
     * Power of two choices on peak-EWMA cost (time to first byte × (outstanding + 1)): two deployments drawn at
     * random, the cheaper one first — the rest by cost after it.
     */
    static final RoutingStrategy PEAK_EWMA = (candidates, c) -> {
        if (candidates.size() <= 1) {
            return candidates;
        }
        Comparator<Deployment> byCost = Comparator.comparingDouble(d -> ewmaCost(d, c));
        int i = c.random().nextInt(candidates.size());
        int j = c.random().nextInt(candidates.size() - 1);
        if (j >= i) {
            j++;
        }
        Deployment a = candidates.get(i);
        Deployment b = candidates.get(j);
        Deployment first = byCost.compare(a, b) <= 0 ? a : b;
        List<Deployment> order = new ArrayList<>(candidates.size());
        order.add(first);
        candidates.stream().filter(d -> d != first).sorted(byCost).forEach(order::add);
        return order;
    };

    static double ewmaCost(Deployment d, RoutingStrategy.Context c) {
        return (c.stats().ewmaNanos(d.backendId()) + 1) * (c.stats().outstanding(d.backendId()) + 1);
    }

    /** Shortest engine queue first (vLLM's own waiting count), then emptiest KV cache, then least outstanding. */
    static final RoutingStrategy QUEUE_AWARE = (candidates, c) -> sorted(candidates, c,
            Comparator.<Deployment>comparingInt(d -> waiting(d, c))
                    .thenComparingDouble(d -> cacheUsage(d, c))
                    .thenComparingInt(d -> c.stats().outstanding(d.backendId())));

    /**
     * The seed's hybrid router, per request priority: {@code cost} — the cheapest deployment by its effective price
     * per token (GPU-derived for self-hosted ones); {@code quality} — the highest quality rank; {@code balanced} —
     * self-hosted while it is not saturated, else cloud. Fallbacks follow in the same order.
     */
    static final RoutingStrategy HYBRID = (candidates, c) -> switch (c.priority() == null ? "balanced" : c.priority()) {
        case "cost" -> sorted(candidates, c, Comparator.comparingDouble(Strategies::pricePerToken)
                .thenComparingInt(d -> c.stats().outstanding(d.backendId())));
        case "quality" -> sorted(candidates, c, Comparator.comparingInt(Deployment::quality).reversed()
                .thenComparingInt(d -> c.stats().outstanding(d.backendId())));
        default -> sorted(candidates, c, Comparator.comparingInt((Deployment d) -> balancedRank(d, c))
                .thenComparingInt(d -> waiting(d, c))
                .thenComparingInt(d -> c.stats().outstanding(d.backendId())));
    };

    /** 0: self-hosted with room; 1: cloud; 2: self-hosted but saturated (a last resort). */
    static int balancedRank(Deployment d, RoutingStrategy.Context c) {
        if (!d.selfHosted()) {
            return 1;
        }
        return saturated(d, c) ? 2 : 0;
    }

    static boolean saturated(Deployment d, RoutingStrategy.Context c) {
        BackendHealth h = c.health().apply(d.backendId());
        return (h.waiting() != null && h.waiting() >= SATURATED_QUEUE)
                || (h.cacheUsage() != null && h.cacheUsage() >= SATURATED_CACHE);
    }

    private static int waiting(Deployment d, RoutingStrategy.Context c) {
        Integer w = c.health().apply(d.backendId()).waiting();
        return w == null ? 0 : w;
    }

    private static double cacheUsage(Deployment d, RoutingStrategy.Context c) {
        Double u = c.health().apply(d.backendId()).cacheUsage();
        return u == null ? 0 : u;
    }

    /** Input and output price together: what a typical request pays per token, in USD per 1M. */
    static double pricePerToken(Deployment d) {
        return d.price() == null ? 0 : d.price().inputPerMillion() + d.price().outputPerMillion();
    }

    /** Sorted by the comparator; equal ones shuffled so ties share the load. */
    private static List<Deployment> sorted(List<Deployment> candidates, RoutingStrategy.Context c,
                                           Comparator<Deployment> comparator) {
        if (candidates.size() <= 1) {
            return candidates;
        }
        List<Deployment> order = new ArrayList<>(candidates);
        java.util.Collections.shuffle(order, new java.util.Random(c.random().nextLong()));
        order.sort(comparator);
        return order;
    }
}
