package io.tollgate.gateway.ledger.boundary;

import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.ledger.entity.UsageQuery;
import io.tollgate.gateway.ledger.control.UsageRollups;
import io.tollgate.gateway.platform.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.math.BigDecimal;
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
    public JsonObject costs(@Context UriInfo uri) {
        var p = uri.getQueryParameters();
        List<String> groupBy = UsagePages.list(p, "group_by");
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
                UsagePages.list(p, "project_ids"), UsagePages.list(p, "api_key_ids"), List.of(), p.getFirst("limit"),
                p.getFirst("page"), Instant.now());
        return UsagePages.page(q, rollups.rows(q, null), row -> {
            JsonObjectBuilder result = Jsonp.PROVIDER.createObjectBuilder().add("object", "organization.costs.result")
                    .add("amount", Jsonp.PROVIDER.createObjectBuilder()
                            .add("value", BigDecimal.valueOf(row.costNanoUsd(), 9).stripTrailingZeros())
                            .add("currency", "usd"));
            UsagePages.nullable(result, "line_item", lineItems ? row.model() : null);
            UsagePages.nullable(result, "project_id", q.groupBy().contains("project_id") ? row.projectId() : null);
            UsagePages.nullable(result, "api_key_id", q.groupBy().contains("api_key_id") ? row.apiKeyId() : null);
            if (lineItems) {
                result.add("quantity", row.promptTokens() + row.completionTokens()).add("quantity_unit", "tokens");
            } else {
                result.addNull("quantity").addNull("quantity_unit");
            }
            return result;
        });
    }
}
