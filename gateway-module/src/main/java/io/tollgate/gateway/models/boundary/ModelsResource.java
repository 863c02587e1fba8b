package io.tollgate.gateway.models.boundary;

import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.auth.control.Authenticator;
import io.tollgate.gateway.auth.control.KeyFilters;
import io.tollgate.gateway.auth.control.TenantApi;
import io.tollgate.gateway.config.control.GatewayConfig;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/models}: the models the caller's key may use, in OpenAI's list shape. */
@Path("models")
@TenantApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    static final String OWNER = "tollgate";

    @Inject
    GatewayConfig config;

    @GET
    public JsonObject list(@Context ContainerRequestContext request) {
        Authenticator.Caller caller = (Authenticator.Caller) request.getProperty(KeyFilters.CALLER);
        JsonArrayBuilder data = Jsonp.PROVIDER.createArrayBuilder();
        long created = config.current().loadedAt().getEpochSecond();
        for (String model : config.current().servedModels()) {
            if (caller.mayUse(model)) {
                data.add(model(model, created));
            }
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("object", "list").add("data", data).build();
    }

    @GET
    @Path("{model}")
    public JsonObject get(@PathParam("model") String model, @Context ContainerRequestContext request) {
        Authenticator.Caller caller = (Authenticator.Caller) request.getProperty(KeyFilters.CALLER);
        if (!config.current().servedModels().contains(model) || !caller.mayUse(model)) {
            throw new ApiException(ApiError.modelNotFound(model));
        }
        return model(model, config.current().loadedAt().getEpochSecond());
    }

    private static JsonObject model(String id, long created) {
        return Jsonp.PROVIDER.createObjectBuilder().add("id", id).add("object", "model").add("created", created)
                .add("owned_by", OWNER).build();
    }
}
