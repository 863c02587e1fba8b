package io.tollgate.gateway.ledger.boundary;

import io.tollgate.gateway.platform.QueryLists;
import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.ledger.entity.UsageQuery;
import io.tollgate.gateway.ledger.control.UsageRollups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.Set;

/**
 * OpenAI's Usage API, {@code /v1/organization/usage/completions} and {@code …/embeddings}, answered from the ledger's
 * rollups in OpenAI's shapes, so the official SDKs' {@code admin.organization.usage…} calls read Tollgate.
 * Completions include chat, legacy completions and Anthropic-style messages.
 */
@Path("organization/usage")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    static final Set<String> GROUPABLE = Set.of("project_id", "api_key_id", "model");

    @Inject
    UsageRollups rollups;

    @GET
    @Path("completions")
    public UsagePage<UsageResults.Completions> completions(@Context UriInfo uri) {
        UsageQuery q = query(uri, Set.of("1m", "1h", "1d"), GROUPABLE);
        return UsagePage.of(q, rollups.rows(q, "completions"), row -> UsageResults.Completions.of(q, row));
    }

    @GET
    @Path("embeddings")
    public UsagePage<UsageResults.Embeddings> embeddings(@Context UriInfo uri) {
        UsageQuery q = query(uri, Set.of("1m", "1h", "1d"), GROUPABLE);
        return UsagePage.of(q, rollups.rows(q, "embeddings"), row -> UsageResults.Embeddings.of(q, row));
    }

    static UsageQuery query(UriInfo uri, Set<String> widths, Set<String> groupable) {
        var p = uri.getQueryParameters();
        return UsageQuery.parse(p.getFirst("start_time"), p.getFirst("end_time"), p.getFirst("bucket_width"), widths,
                QueryLists.of(p, "group_by"), groupable, QueryLists.of(p, "project_ids"),
                QueryLists.of(p, "api_key_ids"), QueryLists.of(p, "models"), p.getFirst("limit"),
                p.getFirst("page"), Instant.now());
    }
}
