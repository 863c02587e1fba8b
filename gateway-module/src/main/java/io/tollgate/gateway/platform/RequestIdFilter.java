package io.tollgate.gateway.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** {@code x-request-id} and {@code openai-processing-ms} on every REST response, errors included. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = "tollgate.started";

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        request.setProperty(RequestIds.HEADER, RequestIds.from(request.getHeaderString(RequestIds.HEADER)));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(RequestIds.HEADER);
        response.getHeaders().putSingle(RequestIds.HEADER, id != null ? id : RequestIds.from(null));
        if (request.getProperty(STARTED) instanceof Long started) {
            response.getHeaders().putSingle("openai-processing-ms", (System.nanoTime() - started) / 1_000_000);
        }
    }
}
