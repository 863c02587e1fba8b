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
import java.util.List;
import java.util.Set;

/**
 * OpenAI's Costs API, {@code /v1/organization/costs}: daily costs in USD from the daily rollups, each request costed
 * at the price in force when it ran. {@code group_by=line_item} gives one line per model, with its token quantity.
 */
@Path("organization/costs")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CostsResource {

    @Inject
    UsageRollups rollups;

    @GET
    public UsagePage<UsageResults.Cost> costs(@Context UriInfo uri) {
        var p = uri.getQueryParameters();
        List<String> groupBy = QueryLists.of(p, "group_by");
        groupBy.stream().flatMap(g -> java.util.Arrays.stream(g.split(","))).map(String::strip)
                .filter(g -> !g.isEmpty() && !Set.of("project_id", "line_item", "api_key_id").contains(g)).findFirst()
                .ifPresent(g -> {
                    throw new io.tollgate.gateway.platform.ApiException(io.tollgate.gateway.platform.ApiError
                            .invalidRequest("'group_by' accepts project_id, line_item, api_key_id; '" + g
                                    + "' is not one of them.", "group_by"));
                });
        boolean lineItems = groupBy.stream().anyMatch(g -> List.of(g.split(",")).contains("line_item"));
        List<String> rollupGroups = groupBy.stream().map(g -> g.replace("line_item", "model")).toList();
        UsageQuery q = UsageQuery.parse(p.getFirst("start_time"), p.getFirst("end_time"), p.getFirst("bucket_width"),
                Set.of("1d"), rollupGroups, Set.of("project_id", "api_key_id", "model"),
                QueryLists.of(p, "project_ids"), QueryLists.of(p, "api_key_ids"), List.of(), p.getFirst("limit"),
                p.getFirst("page"), Instant.now());
        return UsagePage.of(q, rollups.rows(q, null), row -> UsageResults.Cost.of(q, row, lineItems));
    }
}
