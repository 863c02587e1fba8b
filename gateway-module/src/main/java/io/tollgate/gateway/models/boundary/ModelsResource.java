package io.tollgate.gateway.models.boundary;

import io.tollgate.gateway.auth.control.Authenticator;
import io.tollgate.gateway.auth.control.KeyFilters;
import io.tollgate.gateway.auth.control.TenantApi;
import io.tollgate.gateway.config.control.GatewayConfig;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    GatewayConfig config;

    @GET
    public ModelList list(@Context ContainerRequestContext request) {
        Authenticator.Caller caller = (Authenticator.Caller) request.getProperty(KeyFilters.CALLER);
        var current = config.current();
        long created = current.loadedAt().getEpochSecond();
        return ModelList.of(current.servedModels().stream().filter(caller::mayUse)
                .map(model -> ModelObject.of(model, created)).toList());
    }

    @GET
    @Path("{model}")
    public ModelObject get(@PathParam("model") String model, @Context ContainerRequestContext request) {
        Authenticator.Caller caller = (Authenticator.Caller) request.getProperty(KeyFilters.CALLER);
        var current = config.current();
        if (!current.servedModels().contains(model) || !caller.mayUse(model)) {
            throw new ApiException(ApiError.modelNotFound(model));
        }
        return ModelObject.of(model, current.loadedAt().getEpochSecond());
    }
}
