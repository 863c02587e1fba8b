package io.tollgate.gateway.routing.boundary;

import io.tollgate.gateway.config.control.ConfigChanged;
import io.tollgate.gateway.config.control.GatewayConfig;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.routing.control.BackendHealth;
import io.tollgate.gateway.routing.control.BackendStats;
import io.tollgate.gateway.routing.control.FleetHealth;
import io.tollgate.persistence.backends.BackendStore;
import io.tollgate.persistence.backends.ModelPolicy;
import io.tollgate.gateway.audit.control.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Public models as routing sees them: the strategy chosen for each, and each deployment with its weight, quality,
 * tier, drain state, the fleet's health view and this replica's live figures — for the admin API and the portal.
 */
@ApplicationScoped
public class ModelRoutesFacade {

    public static final Set<String> STRATEGIES = Set.of("round_robin", "weighted", "least_outstanding", "peak_ewma",
            "queue_aware", "hybrid");
    public static final String DEFAULT_STRATEGY = "weighted";

    @Inject
    BackendStore store;
    @Inject
    GatewayConfig config;
    @Inject
    FleetHealth health;
    @Inject
    BackendStats stats;
    @Inject
    Event<ConfigChanged> changed;
    @Inject
    AuditTrail audit;

    public record DeploymentView(String backendId, String backendName, String upstreamModel, int weight, int quality,
                                 String tier, boolean draining, boolean healthy, boolean ejected, int outstanding,
                                 Integer waiting, double ewmaFirstByteMs) {
    }

    public record ModelRouteView(String model, String strategy, List<DeploymentView> deployments) {
    }

    @Transactional
    public List<ModelRouteView> list() {
        var snapshot = config.current();
        Set<String> models = new TreeSet<>(snapshot.deploymentsByModel().keySet());
        store.policies().forEach(p -> models.add(p.model()));
        List<ModelRouteView> routes = new ArrayList<>();
        for (String model : models) {
            routes.add(view(model));
        }
        return routes;
    }

    @Transactional
    public ModelRouteView find(String model) {
        if (!config.current().deploymentsByModel().containsKey(model) && store.policy(model).isEmpty()) {
            throw new ApiException(ApiError.notFound("No backend serves a model named '" + model + "'."));
        }
        return view(model);
    }

    @Transactional
    public ModelRouteView route(String model, String strategy) {
        if (!STRATEGIES.contains(strategy)) {
            throw new ApiException(ApiError.invalidRequest("'strategy' must be one of " + new TreeSet<>(STRATEGIES)
                    + ".", "strategy"));
        }
        if (!config.current().deploymentsByModel().containsKey(model)) {
            throw new ApiException(ApiError.notFound("No backend serves a model named '" + model + "'."));
        }
        store.policy(model).ifPresentOrElse(p -> p.use(strategy), () -> store.addPolicy(new ModelPolicy(model, strategy)));
        audit.record("model_route.updated", null, model, AuditTrail.fields("changes_requested",
                AuditTrail.fields("strategy", strategy)));
        changed.fire(new ConfigChanged("model_routes"));
        return new ModelRouteView(model, strategy, view(model).deployments());
    }

    private ModelRouteView view(String model) {
        var snapshot = config.current();
        String strategy = store.policy(model).map(ModelPolicy::strategy).orElse(DEFAULT_STRATEGY);
        List<DeploymentView> deployments = new ArrayList<>();
        for (Deployment d : snapshot.deployments(model)) {
            BackendHealth h = health.of(d.backendId());
            deployments.add(new DeploymentView(d.backendId(), d.backendName(), d.upstreamModel(), d.weight(),
                    d.quality(), d.tier(), d.draining(), h.healthy(), stats.ejected(d.backendId()),
                    stats.outstanding(d.backendId()), h.waiting(), stats.ewmaNanos(d.backendId()) / 1e6));
        }
        return new ModelRouteView(model, strategy, deployments);
    }
}
