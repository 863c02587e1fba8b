package io.tollgate.gateway.limits.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.ListPage;
import io.tollgate.gateway.platform.ListPages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code /v1/organization/projects/{project_id}/rate_limits}: OpenAI's project rate limits, one per model. A limit
 * not set reads as {@code 0} (OpenAI's fields are required integers); setting {@code 0} or {@code null} removes one.
 */
@Path("organization/projects/{project_id}/rate_limits")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class RateLimitsResource {

    @Inject
    LimitsFacade limits;

    @GET
    public ListPage<RateLimitObject> list(@PathParam("project_id") String projectId, @QueryParam("after") String after,
                                          @QueryParam("before") String before, @QueryParam("limit") String limit) {
        if (before != null) {
            throw new ApiException(ApiError.invalidRequest("'before' is not supported; page forward with 'after'.",
                    "before"));
        }
        int size = ListPages.limit(limit);
        List<LimitsFacade.RateLimit> all = limits.rateLimits(projectId);
        int from = 0;
        if (after != null) {
            from = all.size();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(after)) {
                    from = i + 1;
                    break;
                }
            }
        }
        List<LimitsFacade.RateLimit> page = all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()));
        return ListPage.of(page.stream().map(RateLimitObject::of).toList(), RateLimitObject::id,
                from + size < all.size());
    }

    @POST
    @Path("{rate_limit_id}")
    public RateLimitObject update(@PathParam("project_id") String projectId, @PathParam("rate_limit_id") String id,
                                  InputStream raw) throws IOException {
        var body = LimitChanges.read(raw, RateLimitBody.class, "Unknown or unsupported parameter");
        return RateLimitObject.of(limits.updateRateLimit(projectId, id,
                current -> body.value().applyTo(current, body::has)));
    }
}
