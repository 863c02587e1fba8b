package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Deleted;
import io.tollgate.gateway.platform.ListPage;
import io.tollgate.gateway.platform.binding.AdminBodies;
import io.tollgate.gateway.platform.binding.OnCreate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;

/** {@code /v1/organization/backends}: the upstreams Tollgate routes to, in the style of OpenAI's admin objects. */
@Path("organization/backends")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BackendsResource {

    @Inject
    BackendsFacade backends;

    @GET
    public ListPage<BackendObject> list() {
        return ListPage.of(backends.list().stream().map(BackendObject::of).toList(), BackendObject::id, false);
    }

    @POST
    public Response create(InputStream raw) throws IOException {
        var body = AdminBodies.read(raw, BackendBody.class, OnCreate.class);
        BackendView created = backends.create(BackendSpec.of(body, true));
        return Response.status(Response.Status.CREATED).entity(BackendObject.of(created)).build();
    }

    @GET
    @Path("{id}")
    public BackendObject get(@PathParam("id") String id) {
        return BackendObject.of(backends.find(id).orElseThrow(
                () -> new ApiException(ApiError.notFound("No backend with id '" + id + "'."))));
    }

    @POST
    @Path("{id}")
    public BackendObject modify(@PathParam("id") String id, InputStream raw) throws IOException {
        return BackendObject.of(backends.modify(id, BackendSpec.of(AdminBodies.read(raw, BackendBody.class), false)));
    }

    /** No new requests to this backend; requests in flight (streams included) finish. */
    @POST
    @Path("{id}/drain")
    public BackendObject drain(@PathParam("id") String id) {
        return BackendObject.of(backends.drain(id, true));
    }

    @POST
    @Path("{id}/resume")
    public BackendObject resume(@PathParam("id") String id) {
        return BackendObject.of(backends.drain(id, false));
    }

    @DELETE
    @Path("{id}")
    public Deleted delete(@PathParam("id") String id) {
        backends.delete(id);
        return Deleted.of("organization.backend.deleted", id);
    }
}
