package io.tollgate.gateway.adminkeys.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.JsonFields;
import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.platform.ListPages;
import io.tollgate.gateway.platform.RequestBodies;
import io.tollgate.persistence.admins.AdminApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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

/** {@code /v1/organization/admin_api_keys}, as OpenAI's Administration API has it. */
@Path("organization/admin_api_keys")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminApiKeysResource {

    static final int MAX_EXPIRY_SECONDS = 31_536_000;

    @Inject
    AdminKeysFacade keys;

    @GET
    public JsonObject list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        var page = keys.page(after, ListPages.limit(limit));
        return ListPages.list(page.items().stream().map(k -> key(k).build()).toList(), page.hasMore());
    }

    @POST
    public JsonObject create(InputStream raw) throws IOException {
        JsonObject body = RequestBodies.read(raw, 64 * 1024);
        String name = JsonFields.requiredString(body, "name", "name");
        if (name.length() > 200) {
            throw new ApiException(ApiError.invalidRequest("'name' must be at most 200 characters.", "name"));
        }
        Integer expiresIn = JsonFields.optionalInt(body, "expires_in_seconds", "expires_in_seconds", 1, MAX_EXPIRY_SECONDS)
                .orElse(null);
        var created = keys.create(name, expiresIn);
        return key(created.key()).add("value", created.value()).build();
    }

    @GET
    @Path("{key_id}")
    public JsonObject get(@PathParam("key_id") String id) {
        return key(keys.find(id)).build();
    }

    @DELETE
    @Path("{key_id}")
    public JsonObject delete(@PathParam("key_id") String id) {
        keys.revoke(id);
        return Jsonp.PROVIDER.createObjectBuilder().add("id", id).add("object", "organization.admin_api_key.deleted")
                .add("deleted", true).build();
    }

    private static JsonObjectBuilder key(AdminApiKey k) {
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder().add("object", "organization.admin_api_key")
                .add("id", k.id()).add("name", k.name()).add("redacted_value", k.prefix())
                .add("created_at", k.createdAt().getEpochSecond());
        ListPages.addNullable(b, "expires_at", k.expiresAt() == null ? null : k.expiresAt().getEpochSecond());
        ListPages.addNullable(b, "last_used_at", k.lastUsedAt() == null ? null : k.lastUsedAt().getEpochSecond());
        // Admin keys here belong to the organization, not to a person.
        return b.add("owner", Jsonp.PROVIDER.createObjectBuilder().add("type", "service_account")
                .add("object", "organization.service_account").add("id", "tollgate").add("name", "Tollgate")
                .add("created_at", k.createdAt().getEpochSecond()).add("role", "owner"));
    }
}
