package io.tollgate.gateway.routing.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.JsonFields;
import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.platform.ListPages;
import io.tollgate.gateway.platform.RequestBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;

/**
 * Tollgate-only: {@code /v1/organization/model_routes} — per public model, its routing strategy and its deployments
 * with live state; {@code POST …/model_routes/{model}} with {@code {"strategy": …}} changes the strategy (live on
 * every replica within 2 s). Weights, quality ranks and tiers are set on the backends.
 */
@Path("organization/model_routes")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelRoutesResource {

    @Inject
    ModelRoutesFacade routes;

    @GET
    public JsonObject list() {
        return ListPages.list(routes.list().stream().map(ModelRoutesResource::json).toList(), false);
    }

    @GET
    @Path("{model}")
    public JsonObject get(@PathParam("model") String model) {
        return json(routes.find(model));
    }

    @POST
    @Path("{model}")
    public JsonObject update(@PathParam("model") String model, InputStream raw) throws IOException {
        JsonObject body = RequestBodies.read(raw, 16 * 1024);
        return json(routes.route(model, JsonFields.requiredString(body, "strategy", "strategy")));
    }

    static JsonObject json(ModelRoutesFacade.ModelRouteView r) {
        JsonArrayBuilder deployments = Jsonp.PROVIDER.createArrayBuilder();
        for (var d : r.deployments()) {
            var b = Jsonp.PROVIDER.createObjectBuilder().add("backend_id", d.backendId())
                    .add("backend_name", d.backendName()).add("upstream_model", d.upstreamModel())
                    .add("weight", d.weight()).add("quality", d.quality()).add("tier", d.tier())
                    .add("draining", d.draining()).add("healthy", d.healthy()).add("ejected", d.ejected())
                    .add("outstanding", d.outstanding())
                    .add("ewma_first_byte_ms", Math.round(d.ewmaFirstByteMs() * 10) / 10.0);
            if (d.waiting() == null) {
                b.addNull("queue_waiting");
            } else {
                b.add("queue_waiting", d.waiting());
            }
            deployments.add(b);
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("object", "organization.model_route").add("id", r.model())
                .add("model", r.model()).add("strategy", r.strategy()).add("deployments", deployments).build();
    }
}
