package io.tollgate.gateway.routing.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ListPage;
import io.tollgate.gateway.platform.binding.AdminBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    /** A body of one string. */
    private static final int MAX_BODY_BYTES = 16 * 1024;

    @Inject
    ModelRoutesFacade routes;

    @GET
    public ListPage<ModelRouteObject> list() {
        return ListPage.of(routes.list().stream().map(ModelRouteObject::of).toList(), ModelRouteObject::id, false);
    }

    @GET
    @Path("{model}")
    public ModelRouteObject get(@PathParam("model") String model) {
        return ModelRouteObject.of(routes.find(model));
    }

    @POST
    @Path("{model}")
    public ModelRouteObject update(@PathParam("model") String model, InputStream raw) throws IOException {
        ModelRouteBody body = AdminBodies.read(raw, MAX_BODY_BYTES, ModelRouteBody.class).value();
        return ModelRouteObject.of(routes.route(model, body.strategy()));
    }
}
