package io.tollgate.gateway.audit.boundary;

import io.tollgate.gateway.platform.QueryLists;
import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.platform.ListPage;
import io.tollgate.gateway.platform.ListPages;
import io.tollgate.persistence.audit.AuditEntry;
import io.tollgate.persistence.audit.AuditStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/organization/audit_logs} in the shape of OpenAI's Audit Logs API: newest first, filtered by
 * {@code effective_at[gt|gte|lt|lte]}, {@code project_ids[]}, {@code event_types[]}, {@code actor_ids[]},
 * {@code resource_ids[]}, paged with {@code after} and {@code limit}.
 */
@Path("organization/audit_logs")
@AdminApi
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogsResource {

    @Inject
    AuditStore store;

    @GET
    @Transactional
    public ListPage<JsonObject> list(@Context UriInfo uri) {
        MultivaluedMap<String, String> p = uri.getQueryParameters();
        if (p.containsKey("before")) {
            throw new ApiException(ApiError.invalidRequest("'before' is not supported; page with 'after'.", "before"));
        }
        Instant from = epoch(p, "effective_at[gte]", 0);
        Instant fromExclusive = epoch(p, "effective_at[gt]", 1);
        Instant to = epoch(p, "effective_at[lt]", 0);
        Instant toInclusive = epoch(p, "effective_at[lte]", 1);
        int limit = ListPages.limit(p.getFirst("limit"));
        var filter = new AuditStore.Filter(QueryLists.of(p, "project_ids"), QueryLists.of(p, "event_types"), QueryLists.of(p, "actor_ids"),
                QueryLists.of(p, "resource_ids"), from != null ? from : fromExclusive, to != null ? to : toInclusive,
                p.getFirst("after"));
        List<AuditEntry> entries = store.page(filter, limit);
        boolean more = entries.size() > limit;
        return ListPage.of(entries.subList(0, Math.min(limit, entries.size())).stream()
                .map(AuditLogsResource::json).toList(), entry -> entry.getString("id"), more);
    }

    /** JSON-P, not a record: an entry names its details after its event type ({@code "api_key.created": {…}}). */
    static JsonObject json(AuditEntry e) {
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder().add("id", e.id()).add("type", e.type())
                .add("effective_at", e.effectiveAt().getEpochSecond());
        if (e.projectId() != null) {
            b.add("project", Jsonp.PROVIDER.createObjectBuilder().add("id", e.projectId()));
        }
        JsonObjectBuilder actor = Jsonp.PROVIDER.createObjectBuilder().add("type", e.actorType());
        if ("api_key".equals(e.actorType())) {
            actor.add("api_key", Jsonp.PROVIDER.createObjectBuilder().add("id", e.actorId()).add("type", "user"));
        } else {
            var user = Jsonp.PROVIDER.createObjectBuilder().add("id", e.actorId());
            if (e.actorName() != null) {
                user.add("email", e.actorName());
            }
            actor.add("session", Jsonp.PROVIDER.createObjectBuilder().add("user", user));
        }
        b.add("actor", actor);
        JsonObjectBuilder details = Jsonp.PROVIDER.createObjectBuilder();
        if (e.resourceId() != null) {
            details.add("id", e.resourceId());
        }
        try (var reader = Jsonp.PROVIDER.createReader(new StringReader(e.details()))) {
            reader.readObject().forEach(details::add);
        }
        return b.add(e.type(), details).build();
    }

    private static Instant epoch(MultivaluedMap<String, String> p, String name, int adjustSeconds) {
        String value = p.getFirst(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(value.strip()) + adjustSeconds);
        } catch (NumberFormatException e) {
            throw new ApiException(ApiError.invalidRequest("'" + name + "' must be a unix time in seconds.", name));
        }
    }
}
