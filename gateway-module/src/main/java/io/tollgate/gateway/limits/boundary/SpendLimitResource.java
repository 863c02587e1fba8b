package io.tollgate.gateway.limits.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Deleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;

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

    @Inject
    LimitsFacade limits;

    @GET
    public SpendLimitObject get(@PathParam("project_id") String projectId) {
        return SpendLimitObject.of(limits.spendLimit(projectId).orElseThrow(() -> new ApiException(ApiError.notFound(
                "No spend limit is set for project '" + projectId + "'."))));
    }

    @POST
    public SpendLimitObject update(@PathParam("project_id") String projectId, InputStream raw) throws IOException {
        var body = LimitChanges.read(raw, SpendLimitBody.class, "Unknown parameter");
        return SpendLimitObject.of(limits.limitSpend(projectId, body.value().thresholdAmount()));
    }

    /** OpenAI's answer has no id: the project has one spend limit. */
    @DELETE
    public Deleted delete(@PathParam("project_id") String projectId) {
        limits.removeSpendLimit(projectId);
        return Deleted.of("project.spend_limit.deleted", null);
    }
}
