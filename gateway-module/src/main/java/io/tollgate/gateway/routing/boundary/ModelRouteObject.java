package io.tollgate.gateway.routing.boundary;

import jakarta.json.bind.annotation.JsonbNillable;

import java.util.List;

/**
 * {@code organization.model_route} on the wire: a public model (its own id), its strategy, and each deployment with
 * its live state. {@code queue_waiting} is an explicit null when the backend does not report its queue;
 * {@code ewma_first_byte_ms} is rounded to a tenth.
 */
public record ModelRouteObject(String object, String id, String model, String strategy,
                               List<Deployment> deployments) {

    public record Deployment(String backendId, String backendName, String upstreamModel, int weight, int quality,
                             String tier, boolean draining, boolean healthy, boolean ejected, int outstanding,
                             double ewmaFirstByteMs, @JsonbNillable Integer queueWaiting) {
    }

    static ModelRouteObject of(ModelRoutesFacade.ModelRouteView r) {
        return new ModelRouteObject("organization.model_route", r.model(), r.model(), r.strategy(),
                r.deployments().stream().map(d -> new Deployment(d.backendId(), d.backendName(), d.upstreamModel(),
                        d.weight(), d.quality(), d.tier(), d.draining(), d.healthy(), d.ejected(), d.outstanding(),
                        Math.round(d.ewmaFirstByteMs() * 10) / 10.0, d.waiting())).toList());
    }
}
