package io.tollgate.gateway.limits.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.JsonFields;
import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.platform.RequestBodies;
import io.tollgate.persistence.projects.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Tollgate-only: {@code /v1/organization/projects/{project_id}/spend_limit}, a monthly USD threshold per project
 * (calendar month, UTC). Enforced: requests that could take spend past it are refused with 429
 * {@code insufficient_quota}; not enforced: the threshold is only reported.
 */
@Path("organization/projects/{project_id}/spend_limit")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SpendLimitResource {

    private static final BigDecimal MAX_USD = new BigDecimal("1000000000");

    @Inject
    LimitsFacade limits;

    @GET
    public JsonObject get(@PathParam("project_id") String projectId) {
        return json(projectId, limits.spendLimit(projectId));
    }

    @POST
    public JsonObject update(@PathParam("project_id") String projectId, InputStream raw) throws IOException {
        JsonObject body = RequestBodies.read(raw, 64 * 1024);
        new LimitChanges(body).only(Set.of("monthly_limit_usd", "enforced"));
        Project.SpendLimit current = limits.spendLimit(projectId);
        BigDecimal threshold = current.thresholdUsd();
        if (body.containsKey("monthly_limit_usd")) {
            JsonValue v = body.get("monthly_limit_usd");
            if (v == JsonValue.NULL) {
                threshold = null;
            } else if (v instanceof JsonNumber n && n.bigDecimalValue().signum() > 0
                    && n.bigDecimalValue().compareTo(MAX_USD) < 0 && n.bigDecimalValue().scale() <= 4) {
                threshold = n.bigDecimalValue();
            } else {
                throw new ApiException(ApiError.invalidRequest("'monthly_limit_usd' must be a positive amount in USD "
                        + "(at most 4 decimals), or null for no limit.", "monthly_limit_usd"));
            }
        }
        Boolean enforced = JsonFields.optionalBoolean(body, "enforced", "enforced").orElse(null);
        return json(projectId, limits.limitSpend(projectId, threshold, enforced));
    }

    static JsonObject json(String projectId, Project.SpendLimit s) {
        var b = Jsonp.PROVIDER.createObjectBuilder().add("object", "organization.project.spend_limit")
                .add("project_id", projectId);
        if (s.thresholdUsd() == null) {
            b.addNull("monthly_limit_usd");
        } else {
            b.add("monthly_limit_usd", s.thresholdUsd().stripTrailingZeros());
        }
        return b.add("enforced", s.enforced()).add("period", "month").build();
    }
}
