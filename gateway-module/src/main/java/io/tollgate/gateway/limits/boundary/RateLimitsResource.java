package io.tollgate.gateway.limits.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.platform.ListPages;
import io.tollgate.gateway.platform.RequestBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
import java.util.Set;

/**
 * {@code /v1/organization/projects/{project_id}/rate_limits}: OpenAI's project rate limits, one per model. A limit
 * not set reads as {@code 0} (OpenAI's fields are required integers); setting {@code 0} or {@code null} removes one.
 */
@Path("organization/projects/{project_id}/rate_limits")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class RateLimitsResource {

    private static final Set<String> FIELDS = Set.of("max_requests_per_1_minute", "max_tokens_per_1_minute",
            "max_requests_per_1_day");

    @Inject
    LimitsFacade limits;

    @GET
    public JsonObject list(@PathParam("project_id") String projectId, @QueryParam("after") String after,
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
        return ListPages.list(page.stream().map(RateLimitsResource::json).toList(), from + size < all.size());
    }

    @POST
    @Path("{rate_limit_id}")
    public JsonObject update(@PathParam("project_id") String projectId, @PathParam("rate_limit_id") String id,
                             InputStream raw) throws IOException {
        LimitChanges changes = new LimitChanges(RequestBodies.read(raw, 64 * 1024)).only(FIELDS);
        return json(limits.updateRateLimit(projectId, id, current -> new LimitsFacade.RateLimit(current.model(),
                changes.integer("max_requests_per_1_minute", current.maxRequestsPerMinute()),
                changes.integer("max_tokens_per_1_minute", current.maxTokensPerMinute()),
                changes.integer("max_requests_per_1_day", current.maxRequestsPerDay()))));
    }

    static JsonObject json(LimitsFacade.RateLimit r) {
        var b = Jsonp.PROVIDER.createObjectBuilder().add("object", "project.rate_limit").add("id", r.id())
                .add("model", r.model())
                .add("max_requests_per_1_minute", orZero(r.maxRequestsPerMinute()))
                .add("max_tokens_per_1_minute", orZero(r.maxTokensPerMinute()));
        if (r.maxRequestsPerDay() != null) {
            b.add("max_requests_per_1_day", r.maxRequestsPerDay());
        }
        return b.build();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
