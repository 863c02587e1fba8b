package io.tollgate.gateway.limits.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;

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

    @Inject
    LimitsFacade limits;

    @GET
    public ProjectSettingsObject get(@PathParam("project_id") String projectId) {
        return ProjectSettingsObject.of(projectId, limits.settings(projectId));
    }

    @POST
    public ProjectSettingsObject update(@PathParam("project_id") String projectId, InputStream raw)
            throws IOException {
        var body = LimitChanges.read(raw, ProjectSettingsBody.class, "Unknown or unsupported parameter");
        return ProjectSettingsObject.of(projectId, limits.configure(projectId,
                current -> body.value().applyTo(current, body::has)));
    }
}
