package io.tollgate.gateway.audit.boundary;

import io.tollgate.gateway.admins.control.PortalAccess;
import io.tollgate.persistence.audit.AuditStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * The audit log as the portal reads it: the same selection the Audit Logs API makes ({@link AuditStore.Filter}),
 * by position for a lazily paged grid, plus a filter by the kind of thing changed (the part of an event type
 * before its last dot: {@code api_key} for {@code api_key.deleted}).
 */
@ApplicationScoped
public class AuditLogFacade {

    @Inject
    AuditStore store;

    /** What the portal filters by; null or empty: any. */
    public record Query(String actor, String targetType, Instant from, Instant to) {
    }

    @Transactional
    public List<AuditEntryView> entries(Query q, int offset, int limit) {
        AuditStore.Filter f = filter(q);
        return f == null ? List.of() : store.slice(f, offset, limit).stream().map(AuditEntryView::of).toList();
    }

    @Transactional
    public long count(Query q) {
        AuditStore.Filter f = filter(q);
        return f == null ? 0 : store.count(f);
    }

    @Transactional
    public List<String> targetTypes() {
        return store.eventTypes().stream().map(AuditLogFacade::targetType).distinct().sorted().toList();
    }

    /** {@code api_key.deleted} → {@code api_key}; {@code project.settings.updated} → {@code project.settings}. */
    public static String targetType(String eventType) {
        int dot = eventType.lastIndexOf('.');
        return dot > 0 ? eventType.substring(0, dot) : eventType;
    }

    /** The store's filter; null when nothing can match (a target type the log has no entries about). */
    private AuditStore.Filter filter(Query q) {
        List<String> types = List.of();
        if (q.targetType() != null && !q.targetType().isBlank()) {
            types = store.eventTypes().stream().filter(t -> targetType(t).equals(q.targetType().strip())).toList();
            if (types.isEmpty()) {
                return null;
            }
        }
        // A tenant admin (were it ever let in) would read its own project's entries only.
        List<String> projects = PortalAccess.tenantProject().map(List::of).orElse(List.of());
        List<String> actors = q.actor() == null || q.actor().isBlank() ? List.of() : List.of(q.actor().strip());
        return new AuditStore.Filter(projects, types, actors, List.of(), q.from(), q.to(), null);
    }
}
