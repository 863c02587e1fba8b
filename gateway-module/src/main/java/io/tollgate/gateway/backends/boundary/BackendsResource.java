package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.RequestBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
    public JsonObject list() {
        JsonArrayBuilder data = Jsonp.PROVIDER.createArrayBuilder();
        var all = backends.list();
        all.forEach(b -> data.add(json(b)));
        JsonObjectBuilder page = Jsonp.PROVIDER.createObjectBuilder().add("object", "list").add("data", data);
        if (all.isEmpty()) {
            page.addNull("first_id").addNull("last_id");
        } else {
            page.add("first_id", all.get(0).id()).add("last_id", all.get(all.size() - 1).id());
        }
        return page.add("has_more", false).build();
    }

    /** Admin bodies are small; anything larger is refused before it is read. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    @POST
    public Response create(InputStream raw) throws IOException {
        BackendView created = backends.create(BackendSpec.parse(RequestBodies.read(raw, MAX_BODY_BYTES), true));
        return Response.status(Response.Status.CREATED).entity(json(created)).build();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        return json(backends.find(id).orElseThrow(
                () -> new ApiException(ApiError.notFound("No backend with id '" + id + "'."))));
    }

    @POST
    @Path("{id}")
    public JsonObject modify(@PathParam("id") String id, InputStream raw) throws IOException {
        return json(backends.modify(id, BackendSpec.parse(RequestBodies.read(raw, MAX_BODY_BYTES), false)));
    }

    /** No new requests to this backend; requests in flight (streams included) finish. */
    @POST
    @Path("{id}/drain")
    public JsonObject drain(@PathParam("id") String id) {
        return json(backends.drain(id, true));
    }

    @POST
    @Path("{id}/resume")
    public JsonObject resume(@PathParam("id") String id) {
        return json(backends.drain(id, false));
    }

    @DELETE
    @Path("{id}")
    public JsonObject delete(@PathParam("id") String id) {
        backends.delete(id);
        return Jsonp.PROVIDER.createObjectBuilder().add("object", "organization.backend.deleted").add("id", id)
                .add("deleted", true).build();
    }

    static JsonObject json(BackendView b) {
        JsonArrayBuilder models = Jsonp.PROVIDER.createArrayBuilder();
        b.models().forEach(m -> models.add(Jsonp.PROVIDER.createObjectBuilder().add("model", m.model())
                .add("upstream_model", m.upstreamModel()).add("weight", m.weight()).add("quality", m.quality())));
        JsonObjectBuilder o = Jsonp.PROVIDER.createObjectBuilder()
                .add("object", "organization.backend").add("id", b.id()).add("name", b.name()).add("kind", b.kind());
        if (b.baseUrl() == null) {
            o.addNull("base_url");
        } else {
            o.add("base_url", b.baseUrl());
        }
        o.add("has_api_key", b.hasApiKey()).add("enabled", b.enabled()).add("tier", b.tier())
                .add("draining", b.draining()).add("models", models)
                .add("timeouts", Jsonp.PROVIDER.createObjectBuilder()
                        .add("connect_ms", b.timeouts().connect().toMillis())
                        .add("first_byte_ms", b.timeouts().firstByte().toMillis())
                        .add("idle_ms", b.timeouts().idle().toMillis())
                        .add("total_ms", b.timeouts().total().toMillis()))
                .add("created_at", b.createdAt().getEpochSecond());
        if (b.price() == null) {
            o.addNull("price");
        } else {
            o.add("price", Jsonp.PROVIDER.createObjectBuilder()
                    .add("input_usd_per_1m", b.price().input().stripTrailingZeros())
                    .add("cached_input_usd_per_1m", b.price().cachedInput().stripTrailingZeros())
                    .add("output_usd_per_1m", b.price().output().stripTrailingZeros())
                    .add("valid_from", b.price().validFrom().getEpochSecond()));
        }
        if (b.gpu() == null) {
            o.addNull("gpu");
        } else {
            o.add("gpu", Jsonp.PROVIDER.createObjectBuilder().add("type", b.gpu().type()).add("count", b.gpu().count())
                    .add("expected_tokens_per_second", b.gpu().expectedTokensPerSecond()));
        }
        if (b.isSimulator()) {
            o.add("simulator", Jsonp.PROVIDER.createObjectBuilder()
                    .add("time_to_first_token_ms", b.timeToFirstTokenMs() == null
                            ? io.tollgate.gateway.backends.control.SimulatorClient.DEFAULT_TTFT_MS : b.timeToFirstTokenMs())
                    .add("tokens_per_second", b.tokensPerSecond() == null
                            ? io.tollgate.gateway.backends.control.SimulatorClient.DEFAULT_TOKENS_PER_SECOND : b.tokensPerSecond()));
        }
        return o.build();
    }
}
