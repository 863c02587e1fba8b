package io.tollgate.gateway.auth.control;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** The JAX-RS gates: tenant resources need a tenant key, admin resources an admin key; both fail in OpenAI's shape. */
public final class KeyFilters {

    private KeyFilters() {
    }

    public static final String CALLER = "tollgate.caller";

    @Provider
    @AdminApi
    @Priority(Priorities.AUTHENTICATION)
    public static class AdminKeyFilter implements ContainerRequestFilter {
        @Inject
        Authenticator authenticator;
        @Inject
        io.tollgate.gateway.audit.control.AuditActor actor;

        @Override
        public void filter(ContainerRequestContext request) {
            actor.adminKey(authenticator.admin(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        }
    }

    @Provider
    @TenantApi
    @Priority(Priorities.AUTHENTICATION)
    public static class TenantKeyFilter implements ContainerRequestFilter {
        @Inject
        Authenticator authenticator;

        @Override
        public void filter(ContainerRequestContext request) {
            request.setProperty(CALLER, authenticator.tenant(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        }
    }
}
