package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.JsonFields;
import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.platform.ListPages;
import io.tollgate.gateway.platform.RequestBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;

/**
 * Tollgate-only: {@code /v1/organization/gpu_types}, the GPU catalogue — list, and {@code POST …/{name}} to add a
 * type or change its {@code memory_gb} and {@code monthly_usd}.
 */
@Path("organization/gpu_types")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class GpuTypesResource {

    @Inject
    GpuTypesFacade catalogue;

    @GET
    public JsonObject list() {
        return ListPages.list(catalogue.list().stream().map(GpuTypesResource::json).toList(), false);
    }

    @POST
    @Path("{name}")
    public JsonObject put(@PathParam("name") String name, InputStream raw) throws IOException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new ApiException(ApiError.invalidRequest("A GPU type name is 1 to 64 letters, digits, '.', '_' or "
                    + "'-'.", "name"));
        }
        JsonObject body = RequestBodies.read(raw, 16 * 1024);
        Integer memory = JsonFields.optionalInt(body, "memory_gb", "memory_gb", 1, 4096).orElse(null);
        BigDecimal monthly = null;
        JsonValue m = body.get("monthly_usd");
        if (m != null && m != JsonValue.NULL) {
            if (!(m instanceof JsonNumber n) || n.bigDecimalValue().signum() < 0
                    || n.bigDecimalValue().compareTo(BigDecimal.valueOf(10_000_000)) > 0) {
                throw new ApiException(ApiError.invalidRequest("'monthly_usd' must be a non-negative amount.",
                        "monthly_usd"));
            }
            monthly = n.bigDecimalValue().setScale(2, java.math.RoundingMode.HALF_UP);
        }
        return json(catalogue.put(name, memory, monthly));
    }

    static JsonObject json(GpuTypesFacade.GpuTypeView t) {
        return Jsonp.PROVIDER.createObjectBuilder().add("object", "organization.gpu_type").add("id", t.name())
                .add("name", t.name()).add("memory_gb", t.memoryGb()).add("monthly_usd", t.monthlyUsd())
                .add("updated_at", t.updatedAt().getEpochSecond()).build();
    }
}
