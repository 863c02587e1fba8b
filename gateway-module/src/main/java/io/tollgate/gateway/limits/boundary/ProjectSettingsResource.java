package io.tollgate.gateway.limits.boundary;

import io.tollgate.persistence.projects.ProjectSettings;
import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.JsonFields;
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
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Tollgate-only: {@code /v1/organization/projects/{project_id}/settings}, a project's own limits beside OpenAI's
 * per-model ones — requests and tokens per minute across all models, a monthly token quota, concurrent requests —
 * what admission does while the database is away ({@code fail_open}: a small local allowance;
 * {@code fail_closed}: refuse). Limits not set read as {@code null}.
 */
@Path("organization/projects/{project_id}/settings")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProjectSettingsResource {

    private static final Set<String> FIELDS = Set.of("max_requests_per_1_minute", "max_tokens_per_1_minute",
            "monthly_token_quota", "max_concurrent_requests", "on_database_outage", "default_priority");
    private static final Set<String> OUTAGE_CHOICES = Set.of("fail_open", "fail_closed");

    @Inject
    LimitsFacade limits;

    @GET
    public JsonObject get(@PathParam("project_id") String projectId) {
        return json(projectId, limits.settings(projectId));
    }

    @POST
    public JsonObject update(@PathParam("project_id") String projectId, InputStream raw) throws IOException {
        JsonObject body = RequestBodies.read(raw, 64 * 1024);
        LimitChanges changes = new LimitChanges(body).only(FIELDS);
        String outage = JsonFields.optionalString(body, "on_database_outage", "on_database_outage").orElse(null);
        if (outage != null && !OUTAGE_CHOICES.contains(outage)) {
            throw new ApiException(ApiError.invalidRequest("'on_database_outage' must be 'fail_open' or "
                    + "'fail_closed'.", "on_database_outage"));
        }
        String priority = JsonFields.optionalString(body, "default_priority", "default_priority").orElse(null);
        if (priority != null && !io.tollgate.gateway.routing.control.Router.PRIORITIES.contains(priority)) {
            throw new ApiException(ApiError.invalidRequest("'default_priority' must be cost, quality or balanced.",
                    "default_priority"));
        }
        return json(projectId, limits.configure(projectId, current -> new ProjectSettings(
                changes.integer("max_requests_per_1_minute", current.maxRequestsPerMinute()),
                changes.integer("max_tokens_per_1_minute", current.maxTokensPerMinute()),
                changes.longValue("monthly_token_quota", current.monthlyTokenQuota()),
                changes.integer("max_concurrent_requests", current.maxConcurrentRequests()),
                outage != null ? outage : current.onDatabaseOutage(),
                priority != null ? priority : current.defaultPriority())));
    }

    static JsonObject json(String projectId, ProjectSettings s) {
        var b = Jsonp.PROVIDER.createObjectBuilder().add("object", "organization.project.settings")
                .add("project_id", projectId);
        ListPages.addNullable(b, "max_requests_per_1_minute", longOrNull(s.maxRequestsPerMinute()));
        ListPages.addNullable(b, "max_tokens_per_1_minute", longOrNull(s.maxTokensPerMinute()));
        ListPages.addNullable(b, "monthly_token_quota", s.monthlyTokenQuota());
        ListPages.addNullable(b, "max_concurrent_requests", longOrNull(s.maxConcurrentRequests()));
        return b.add("on_database_outage", s.onDatabaseOutage()).add("default_priority", s.defaultPriority()).build();
    }

    private static Long longOrNull(Integer value) {
        return value == null ? null : value.longValue();
    }
}
