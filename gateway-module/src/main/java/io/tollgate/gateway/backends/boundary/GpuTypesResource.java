package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ListPage;
import io.tollgate.gateway.platform.binding.AdminBodies;
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
 * Tollgate-only: {@code /v1/organization/gpu_types}, the GPU catalogue — list, and {@code POST …/{name}} to add a
 * type or change its {@code memory_gb} and {@code monthly_usd}.
 */
@Path("organization/gpu_types")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class GpuTypesResource {

    /** A body of two numbers. */
    private static final int MAX_BODY_BYTES = 16 * 1024;

    @Inject
    GpuTypesFacade catalogue;

    @GET
    public ListPage<GpuTypeObject> list() {
        return ListPage.of(catalogue.list().stream().map(GpuTypeObject::of).toList(), GpuTypeObject::id, false);
    }

    @POST
    @Path("{name}")
    public GpuTypeObject put(@PathParam("name") String name, InputStream raw) throws IOException {
        GpuTypeBody.checkedName(name);
        GpuTypeBody body = AdminBodies.read(raw, MAX_BODY_BYTES, GpuTypeBody.class).value();
        return GpuTypeObject.of(catalogue.put(name, body.memoryGb(), body.monthlyToTheCent()));
    }
}
