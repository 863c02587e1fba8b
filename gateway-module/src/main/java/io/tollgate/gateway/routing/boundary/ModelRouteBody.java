package io.tollgate.gateway.routing.boundary;

import jakarta.validation.constraints.NotBlank;

/**
 * The body of {@code POST /v1/organization/model_routes/{model}}: the routing strategy to use. Which strategies there
 * are is {@link ModelRoutesFacade#STRATEGIES}, checked by the facade for the portal as well.
 */
public record ModelRouteBody(@NotBlank String strategy) {
}
