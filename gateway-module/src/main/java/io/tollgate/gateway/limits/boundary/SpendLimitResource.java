package io.tollgate.gateway.limits.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.JsonFields;
import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.platform.RequestBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * {@code /v1/organization/projects/{project_id}/spend_limit}: OpenAI's project hard spend limit — a monthly amount in
 * USD cents (calendar month, UTC). Requests that could take the month's spend past it are refused with 429
 * {@code insufficient_quota}; {@code enforcement.status} says whether that is happening now.
 */
@Path("organization/projects/{project_id}/spend_limit")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SpendLimitResource {

    private static final long MAX_CENTS = 100_000_000_000L; // USD 1 billion

    @Inject
    LimitsFacade limits;

    @GET
    public JsonObject get(@PathParam("project_id") String projectId) {
        return json(limits.spendLimit(projectId).orElseThrow(() -> new ApiException(ApiError.notFound(
                "No spend limit is set for project '" + projectId + "'."))));
    }

    @POST
    public JsonObject update(@PathParam("project_id") String projectId, InputStream raw) throws IOException {
        JsonObject body = RequestBodies.read(raw, 64 * 1024);
        body.keySet().stream().filter(f -> !Set.of("threshold_amount", "currency", "interval").contains(f))
                .findFirst().ifPresent(f -> {
                    throw new ApiException(ApiError.invalidRequest("Unknown parameter: '" + f + "'.", f));
                });
        if (!(body.get("threshold_amount") instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1
                || n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(MAX_CENTS)) > 0) {
            throw new ApiException(ApiError.invalidRequest("'threshold_amount' must be a whole number of USD cents, "
                    + "at least 1.", "threshold_amount"));
        }
        if (!"USD".equals(JsonFields.requiredString(body, "currency", "currency"))) {
            throw new ApiException(ApiError.invalidRequest("'currency' must be 'USD'.", "currency"));
        }
        if (!"month".equals(JsonFields.requiredString(body, "interval", "interval"))) {
            throw new ApiException(ApiError.invalidRequest("'interval' must be 'month'.", "interval"));
        }
        return json(limits.limitSpend(projectId, n.longValue()));
    }

    @DELETE
    public JsonObject delete(@PathParam("project_id") String projectId) {
        limits.removeSpendLimit(projectId);
        return Jsonp.PROVIDER.createObjectBuilder().add("object", "project.spend_limit.deleted").add("deleted", true)
                .build();
    }

    static JsonObject json(LimitsFacade.SpendLimit s) {
        return Jsonp.PROVIDER.createObjectBuilder().add("object", "project.spend_limit")
                .add("threshold_amount", s.thresholdCents()).add("currency", "USD").add("interval", "month")
                .add("enforcement", Jsonp.PROVIDER.createObjectBuilder()
                        .add("status", s.enforcing() ? "enforcing" : "inactive"))
                .build();
    }
}
