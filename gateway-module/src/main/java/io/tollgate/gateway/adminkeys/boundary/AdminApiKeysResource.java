package io.tollgate.gateway.adminkeys.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.Deleted;
import io.tollgate.gateway.platform.ListPage;
import io.tollgate.gateway.platform.ListPages;
import io.tollgate.gateway.platform.binding.AdminBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    /** A name and a lifetime; anything larger is refused (413) before it is parsed. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    @Inject
    AdminKeysFacade keys;

    @GET
    public ListPage<AdminKeyObject> list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        var page = keys.page(after, ListPages.limit(limit));
        return ListPage.of(page.items().stream().map(AdminKeyObject::of).toList(), AdminKeyObject::id,
                page.hasMore());
    }

    @POST
    public AdminKeyObject create(InputStream raw) throws IOException {
        AdminKeyBody body = AdminBodies.read(raw, MAX_BODY_BYTES, AdminKeyBody.class).value();
        var created = keys.create(body.name(), body.expiresInSeconds());
        return AdminKeyObject.of(created.key(), created.value());
    }

    @GET
    @Path("{key_id}")
    public AdminKeyObject get(@PathParam("key_id") String id) {
        return AdminKeyObject.of(keys.find(id));
    }

    @DELETE
    @Path("{key_id}")
    public Deleted delete(@PathParam("key_id") String id) {
        keys.revoke(id);
        return Deleted.of("organization.admin_api_key.deleted", id);
    }
}
