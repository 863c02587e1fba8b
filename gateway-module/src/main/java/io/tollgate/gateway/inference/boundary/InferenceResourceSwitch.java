package io.tollgate.gateway.inference.boundary;

import io.tollgate.gateway.dialect.ClientDialect;
import io.tollgate.gateway.platform.Refusal;
import io.tollgate.gateway.settings.TollgateSettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Keeps {@link InferenceResource} closed unless {@code TOLLGATE_JAKARTA_REST_INFERENCE} is set: refused before
 * matching, so that Jersey never reads (with a blocking read) a body sent to it.
 */
@Provider
@PreMatching
public class InferenceResourceSwitch implements ContainerRequestFilter {

    @Inject
    TollgateSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!settings.jakartaRestInference() && isJakartaRestSurface(request.getUriInfo().getPath())) {
            request.abortWith(Response.status(404).type(MediaType.APPLICATION_JSON).header("Connection", "close")
                    .entity(ClientDialect.OPENAI.errorBody(Refusal.NOT_FOUND.error("No such endpoint.")))
                    .build());
        }
    }

    static boolean isJakartaRestSurface(String path) {
        return path.startsWith("rs/") || path.startsWith("/rs/");
    }
}
