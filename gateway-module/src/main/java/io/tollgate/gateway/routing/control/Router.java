package io.tollgate.gateway.routing.control;

import io.tollgate.gateway.platform.Refusal;
import io.tollgate.gateway.config.control.GatewaySnapshot;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses where a request goes: among a model's deployments that take traffic (weight &gt; 0, backend not drained,
 * healthy by the fleet's active checks, not ejected on this replica), in the order its strategy gives. A request's
 * {@code x-tollgate-priority} (cost, quality, balanced) asks for the hybrid router; a model set to {@code hybrid}
 * uses the project's default priority. Ejection is passive evidence only: when every remaining deployment of a model
 * is ejected, they are all tried rather than none.
 */
@ApplicationScoped
public class Router {

    public static final Set<String> PRIORITIES = Set.of("cost", "quality", "balanced");

    @Inject
    BackendStats stats;
    @Inject
    FleetHealth health;

    private final Map<String, RoutingStrategy> strategies = new ConcurrentHashMap<>();

    /**
     * @param requestedPriority the request's priority header, or null
     * @return the deployments to try, in order; an OpenAI-shaped 404 if the model is not served, 503 if none of its
     * deployments can take the request now
     */
    public List<Deployment> route(GatewaySnapshot snapshot, String model, String requestedPriority, String projectId) {
        List<Deployment> all = snapshot.deployments(model);
        List<Deployment> inRotation = new ArrayList<>(all.size());
        for (Deployment d : all) {
            if (d.weight() > 0) {
                inRotation.add(d);
            }
        }
        if (inRotation.isEmpty()) {
            throw new ApiException(ApiError.modelNotFound(model));
        }
        List<Deployment> available = new ArrayList<>(inRotation.size());
        List<Deployment> ejectedButHealthy = new ArrayList<>(0);
        for (Deployment d : inRotation) {
            if (d.draining() || !health.of(d.backendId()).healthy()) {
                continue;
            }
            (stats.ejected(d.backendId()) ? ejectedButHealthy : available).add(d);
        }
        if (available.isEmpty()) {
            available = ejectedButHealthy;
        }
        if (available.isEmpty()) {
            throw Refusal.MODEL_UNAVAILABLE.exception("No healthy deployment of model `" + model + "` can take this "
                    + "request right now. Please retry shortly.");
        }
        String configured = snapshot.strategy(model);
        String priority = requestedPriority != null ? requestedPriority : snapshot.priority(projectId);
        RoutingStrategy strategy = requestedPriority != null ? Strategies.HYBRID
                : strategies.computeIfAbsent(model + "\u0000" + configured, k -> RoutingStrategy.named(configured));
        return strategy.order(available, new RoutingStrategy.Context(model, priority, stats, health::of,
                ThreadLocalRandom.current()));
    }

    /** The priority header's value checked: null when absent, else cost, quality or balanced (400 otherwise). */
    public static String priority(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip().toLowerCase(java.util.Locale.ROOT);
        if (!PRIORITIES.contains(value)) {
            throw new ApiException(ApiError.invalidRequest("'x-tollgate-priority' must be cost, quality or balanced.",
                    "x-tollgate-priority"));
        }
        return value;
    }
}
