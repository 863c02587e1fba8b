package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.routing.control.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Stage: whether the key may use the model, and the model's deployments in the order to try them (the routing
 * strategy, health, and the client's priority header). Before admission, which prices a spend reservation at the
 * dearest deployment that may answer.
 */
@ApplicationScoped
public class RouteRequest {

    @Inject
    Router router;

    public List<Deployment> apply(InferenceCall call) {
        String model = call.request().model();
        call.caller().requireModel(model);
        return router.route(call.snapshot(), model, Router.priority(call.priority()), call.caller().projectId());
    }
}
