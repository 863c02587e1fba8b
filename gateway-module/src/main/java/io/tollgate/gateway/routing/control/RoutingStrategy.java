package io.tollgate.gateway.routing.control;

import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;

import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * How a model's requests are spread over its deployments. Given the deployments that may take this request (healthy,
 * not drained, weight &gt; 0), a strategy returns them in the order to try: the first gets the request, the others
 * are its fallbacks before the first byte.
 */
public interface RoutingStrategy {

    List<Deployment> order(List<Deployment> candidates, Context context);

    /**
     * What a strategy may look at.
     *
     * @param priority {@code cost}, {@code quality} or {@code balanced} (the hybrid strategy's input)
     */
    record Context(String model, String priority, BackendStats stats, Function<String, BackendHealth> health,
                   RandomGenerator random) {
    }

    /** The strategies by their configuration name. */
    static RoutingStrategy named(String name) {
        return switch (name == null ? "weighted" : name) {
            case "round_robin" -> new RoundRobinStrategy();
            case "least_outstanding" -> Strategies.LEAST_OUTSTANDING;
            case "peak_ewma" -> Strategies.PEAK_EWMA;
            case "queue_aware" -> Strategies.QUEUE_AWARE;
            case "hybrid" -> Strategies.HYBRID;
            default -> Strategies.WEIGHTED;
        };
    }
}
