package io.tollgate.gateway.projects.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.Deleted;
import io.tollgate.gateway.platform.ListPage;
import io.tollgate.gateway.platform.ListPages;
import io.tollgate.gateway.platform.RequestBodies;
import io.tollgate.gateway.platform.binding.AdminBodies;
import io.tollgate.gateway.platform.binding.Bound;
import io.tollgate.gateway.platform.binding.OnCreate;
import io.tollgate.persistence.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * {@code /v1/organization/projects}: tenants, their service accounts and API keys, in the paths and objects of
 * OpenAI's Administration API, so its official SDKs manage Tollgate unchanged.
 */
@Path("organization/projects")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProjectsResource {

    /** These bodies carry a name or a key's settings; anything larger is refused (413) before it is parsed. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    @Inject
    ProjectsFacade projects;

    @GET
    public ListPage<ProjectObject> list(@QueryParam("after") String after, @QueryParam("limit") String limit,
                                        @QueryParam("include_archived") boolean includeArchived) {
        return page(projects.page(after, ListPages.limit(limit), includeArchived), ProjectObject::of,
                ProjectObject::id);
    }

    @POST
    public ProjectObject create(InputStream raw) throws IOException {
        NameBody body = AdminBodies.read(raw, MAX_BODY_BYTES, NameBody.class, OnCreate.class).value();
        return ProjectObject.of(projects.create(body.stripped()));
    }

    @GET
    @Path("{project_id}")
    public ProjectObject get(@PathParam("project_id") String id) {
        return ProjectObject.of(projects.find(id));
    }

    /** A rename; without a name, the project as it is. */
    @POST
    @Path("{project_id}")
    public ProjectObject modify(@PathParam("project_id") String id, InputStream raw) throws IOException {
        String name = AdminBodies.read(raw, MAX_BODY_BYTES, NameBody.class).value().stripped();
        return ProjectObject.of(name == null ? projects.find(id) : projects.rename(id, name));
    }

    @POST
    @Path("{project_id}/archive")
    public ProjectObject archive(@PathParam("project_id") String id) {
        return ProjectObject.of(projects.archive(id));
    }

    @GET
    @Path("{project_id}/service_accounts")
    public ListPage<ServiceAccountObject> serviceAccounts(@PathParam("project_id") String projectId,
                                                          @QueryParam("after") String after,
                                                          @QueryParam("limit") String limit) {
        return page(projects.serviceAccounts(projectId, after, ListPages.limit(limit)), ServiceAccountObject::of,
                ServiceAccountObject::id);
    }

    /** The answer carries the new account's API key, value and all: the only time Tollgate shows it. */
    @POST
    @Path("{project_id}/service_accounts")
    public ServiceAccountObject createServiceAccount(@PathParam("project_id") String projectId, InputStream raw)
            throws IOException {
        NameBody body = AdminBodies.read(raw, MAX_BODY_BYTES, NameBody.class, OnCreate.class).value();
        return ServiceAccountObject.created(projects.createServiceAccount(projectId, body.stripped()));
    }

    @GET
    @Path("{project_id}/service_accounts/{service_account_id}")
    public ServiceAccountObject serviceAccount(@PathParam("project_id") String projectId,
                                               @PathParam("service_account_id") String id) {
        return ServiceAccountObject.of(projects.serviceAccount(projectId, id));
    }

    @DELETE
    @Path("{project_id}/service_accounts/{service_account_id}")
    public Deleted deleteServiceAccount(@PathParam("project_id") String projectId,
                                        @PathParam("service_account_id") String id) {
        projects.deleteServiceAccount(projectId, id);
        return Deleted.of("organization.project.service_account.deleted", id);
    }

    @GET
    @Path("{project_id}/api_keys")
    public ListPage<ApiKeyObject> keys(@PathParam("project_id") String projectId, @QueryParam("after") String after,
                                       @QueryParam("limit") String limit) {
        return page(projects.keys(projectId, after, ListPages.limit(limit)), this::key, ApiKeyObject::id);
    }

    @GET
    @Path("{project_id}/api_keys/{key_id}")
    public ApiKeyObject key(@PathParam("project_id") String projectId, @PathParam("key_id") String id) {
        return key(projects.key(projectId, id));
    }

    /**
     * Tollgate-only: a key's expiry ({@code expires_at}, unix seconds, or null for never) and model allow-list
     * ({@code allowed_models}, or null for every model). Fields left out keep their value. An unknown key is a 404
     * before the settings are checked.
     */
    @POST
    @Path("{project_id}/api_keys/{key_id}")
    public ApiKeyObject restrict(@PathParam("project_id") String projectId, @PathParam("key_id") String id,
                                 InputStream raw) throws IOException {
        JsonObject json = RequestBodies.read(raw, MAX_BODY_BYTES);
        ApiKeyView current = projects.key(projectId, id);
        Bound<ApiKeyBody> body = AdminBodies.bind(json, ApiKeyBody.class);
        Instant expiresAt = !body.has("expires_at") ? current.expiresAt()
                : body.value().expiresAt() == null ? null : Instant.ofEpochSecond(body.value().expiresAt());
        List<String> models = !body.has("allowed_models") ? ApiKeyObject.allowedModels(current.allowedModels())
                : body.value().allowedModels() == null ? null : body.value().allowedModels().stream().distinct().toList();
        return key(projects.restrictKey(projectId, id, expiresAt, models));
    }

    @DELETE
    @Path("{project_id}/api_keys/{key_id}")
    public Deleted revoke(@PathParam("project_id") String projectId, @PathParam("key_id") String id) {
        projects.revokeKey(projectId, id);
        return Deleted.of("organization.project.api_key.deleted", id);
    }

    private static <V, T> ListPage<T> page(Page<V> page, Function<V, T> object, Function<T, String> id) {
        return ListPage.of(page.items().stream().map(object).toList(), id, page.hasMore());
    }

    private ApiKeyObject key(ApiKeyView k) {
        return ApiKeyObject.of(k, projects.ownerOf(k));
    }
}
