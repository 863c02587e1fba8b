package io.tollgate.gateway.projects.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.JsonFields;
import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.platform.ListPages;
import io.tollgate.gateway.platform.RequestBodies;
import io.tollgate.persistence.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonObjectBuilder;
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

    static final int MAX_BODY_BYTES = 64 * 1024;

    @Inject
    ProjectsFacade projects;

    @GET
    public JsonObject list(@QueryParam("after") String after, @QueryParam("limit") String limit,
                           @QueryParam("include_archived") boolean includeArchived) {
        return page(projects.page(after, ListPages.limit(limit), includeArchived), ProjectsResource::project);
    }

    @POST
    public JsonObject create(InputStream raw) throws IOException {
        JsonObject body = RequestBodies.read(raw, MAX_BODY_BYTES);
        return project(projects.create(name(JsonFields.requiredString(body, "name", "name"))));
    }

    @GET
    @Path("{project_id}")
    public JsonObject get(@PathParam("project_id") String id) {
        return project(projects.find(id));
    }

    @POST
    @Path("{project_id}")
    public JsonObject modify(@PathParam("project_id") String id, InputStream raw) throws IOException {
        JsonObject body = RequestBodies.read(raw, MAX_BODY_BYTES);
        return JsonFields.optionalString(body, "name", "name")
                .map(name -> project(projects.rename(id, name(name))))
                .orElseGet(() -> project(projects.find(id)));
    }

    @POST
    @Path("{project_id}/archive")
    public JsonObject archive(@PathParam("project_id") String id) {
        return project(projects.archive(id));
    }

    @GET
    @Path("{project_id}/service_accounts")
    public JsonObject serviceAccounts(@PathParam("project_id") String projectId, @QueryParam("after") String after,
                                      @QueryParam("limit") String limit) {
        return page(projects.serviceAccounts(projectId, after, ListPages.limit(limit)), ProjectsResource::serviceAccount);
    }

    @POST
    @Path("{project_id}/service_accounts")
    public JsonObject createServiceAccount(@PathParam("project_id") String projectId, InputStream raw)
            throws IOException {
        JsonObject body = RequestBodies.read(raw, MAX_BODY_BYTES);
        var created = projects.createServiceAccount(projectId, name(JsonFields.requiredString(body, "name", "name")));
        ApiKeyView key = created.key();
        return serviceAccountBuilder(created.account())
                .add("api_key", Jsonp.PROVIDER.createObjectBuilder()
                        .add("object", "organization.project.service_account.api_key")
                        .add("value", created.keyValue()).add("name", key.name())
                        .add("created_at", key.createdAt().getEpochSecond()).add("id", key.id()))
                .build();
    }

    @GET
    @Path("{project_id}/service_accounts/{service_account_id}")
    public JsonObject serviceAccount(@PathParam("project_id") String projectId,
                                     @PathParam("service_account_id") String id) {
        return serviceAccount(projects.serviceAccount(projectId, id));
    }

    @DELETE
    @Path("{project_id}/service_accounts/{service_account_id}")
    public JsonObject deleteServiceAccount(@PathParam("project_id") String projectId,
                                           @PathParam("service_account_id") String id) {
        projects.deleteServiceAccount(projectId, id);
        return deleted("organization.project.service_account.deleted", id);
    }

    @GET
    @Path("{project_id}/api_keys")
    public JsonObject keys(@PathParam("project_id") String projectId, @QueryParam("after") String after,
                           @QueryParam("limit") String limit) {
        return page(projects.keys(projectId, after, ListPages.limit(limit)), this::key);
    }

    @GET
    @Path("{project_id}/api_keys/{key_id}")
    public JsonObject key(@PathParam("project_id") String projectId, @PathParam("key_id") String id) {
        return key(projects.key(projectId, id));
    }

    /**
     * Tollgate-only: a key's expiry ({@code expires_at}, unix seconds, or null for never) and model allow-list
     * ({@code allowed_models}, or null for every model). Fields left out keep their value.
     */
    @POST
    @Path("{project_id}/api_keys/{key_id}")
    public JsonObject restrict(@PathParam("project_id") String projectId, @PathParam("key_id") String id,
                               InputStream raw) throws IOException {
        JsonObject body = RequestBodies.read(raw, MAX_BODY_BYTES);
        ApiKeyView current = projects.key(projectId, id);
        Instant expiresAt = current.expiresAt();
        if (body.containsKey("expires_at")) {
            JsonValue v = body.get("expires_at");
            if (v == JsonValue.NULL) {
                expiresAt = null;
            } else if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0) {
                expiresAt = Instant.ofEpochSecond(n.longValue());
            } else {
                throw new ApiException(ApiError.invalidRequest("'expires_at' must be a unix time in seconds, or null.",
                        "expires_at"));
            }
        }
        List<String> models = current.allowedModels() == null ? null : readModels(current.allowedModels());
        if (body.containsKey("allowed_models")) {
            JsonValue v = body.get("allowed_models");
            if (v == JsonValue.NULL) {
                models = null;
            } else if (v instanceof JsonArray array && array.stream().allMatch(m -> m instanceof JsonString s
                    && !s.getString().isBlank())) {
                models = array.getValuesAs(JsonString.class).stream().map(JsonString::getString).distinct().toList();
            } else {
                throw new ApiException(ApiError.invalidRequest("'allowed_models' must be an array of model names, "
                        + "or null for every model.", "allowed_models"));
            }
        }
        return key(projects.restrictKey(projectId, id, expiresAt, models));
    }

    private static List<String> readModels(String json) {
        try (var reader = Jsonp.PROVIDER.createReader(new java.io.StringReader(json))) {
            return reader.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }

    @DELETE
    @Path("{project_id}/api_keys/{key_id}")
    public JsonObject revoke(@PathParam("project_id") String projectId, @PathParam("key_id") String id) {
        projects.revokeKey(projectId, id);
        return deleted("organization.project.api_key.deleted", id);
    }

    private static String name(String name) {
        return ProjectNames.checked(name);
    }

    private static <T> JsonObject page(Page<T> page, Function<T, JsonObject> json) {
        return ListPages.list(page.items().stream().map(json).toList(), page.hasMore());
    }

    static JsonObject project(ProjectView p) {
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder().add("id", p.id()).add("object", "organization.project")
                .add("name", p.name()).add("created_at", p.createdAt().getEpochSecond());
        ListPages.addNullable(b, "archived_at", p.archivedAt() == null ? null : p.archivedAt().getEpochSecond());
        return b.add("status", p.status()).build();
    }

    private static JsonObjectBuilder serviceAccountBuilder(ServiceAccountView a) {
        return Jsonp.PROVIDER.createObjectBuilder().add("object", "organization.project.service_account")
                .add("id", a.id()).add("name", a.name()).add("role", a.role())
                .add("created_at", a.createdAt().getEpochSecond());
    }

    static JsonObject serviceAccount(ServiceAccountView a) {
        return serviceAccountBuilder(a).build();
    }

    private JsonObject key(ApiKeyView k) {
        ServiceAccountView owner = projects.ownerOf(k);
        JsonObjectBuilder ownerJson = Jsonp.PROVIDER.createObjectBuilder();
        if (owner != null) {
            ownerJson.add("type", "service_account").add("service_account", Jsonp.PROVIDER.createObjectBuilder()
                    .add("id", owner.id()).add("name", owner.name()).add("role", owner.role())
                    .add("created_at", owner.createdAt().getEpochSecond()));
        } else {
            // Keys made by Tollgate itself (the local demo key) belong to the project's owner, not a person here.
            ownerJson.add("type", "user");
        }
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder().add("object", "organization.project.api_key")
                .add("redacted_value", k.prefix()).add("name", k.name()).add("created_at", k.createdAt().getEpochSecond());
        ListPages.addNullable(b, "last_used_at", epoch(k.lastUsedAt()));
        b.add("id", k.id()).add("owner_project_access", "active").add("owner", ownerJson);
        // Tollgate-only settings beside OpenAI's fields.
        ListPages.addNullable(b, "expires_at", epoch(k.expiresAt()));
        if (k.allowedModels() == null) {
            b.addNull("allowed_models");
        } else {
            JsonArrayBuilder models = Jsonp.PROVIDER.createArrayBuilder();
            readModels(k.allowedModels()).forEach(models::add);
            b.add("allowed_models", models);
        }
        return b.build();
    }

    private static Long epoch(Instant at) {
        return at == null ? null : at.getEpochSecond();
    }

    static JsonObject deleted(String object, String id) {
        return Jsonp.PROVIDER.createObjectBuilder().add("object", object).add("id", id).add("deleted", true).build();
    }
}
