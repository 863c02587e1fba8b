package io.tollgate.persistence.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class AuditStore {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    public void add(AuditEntry entry) {
        em.persist(entry);
    }

    /** What to list: every field optional; newest first, after the entry {@code afterId}. */
    public record Filter(List<String> projectIds, List<String> types, List<String> actorIds, List<String> resourceIds,
                         Instant from, Instant to, String afterId) {
    }

    /** Every event type the log holds (a few dozen at most), for a filter's choices. */
    public List<String> eventTypes() {
        return em.createQuery("select distinct a.type from AuditEntry a", String.class).getResultList();
    }

    /** Up to {@code limit + 1} entries, newest first (one more than asked, to tell whether there are more). */
    public List<AuditEntry> page(Filter f, int limit) {
        return query(f, "select a", " order by a.seq desc", AuditEntry.class).setMaxResults(limit + 1).getResultList();
    }

    /** The same selection by position, for a list that pages by offset (the portal's grid). */
    public List<AuditEntry> slice(Filter f, int offset, int limit) {
        return query(f, "select a", " order by a.seq desc", AuditEntry.class).setFirstResult(offset)
                .setMaxResults(limit).getResultList();
    }

    public long count(Filter f) {
        return query(f, "select count(a)", "", Long.class).getSingleResult();
    }

    private <T> TypedQuery<T> query(Filter f, String select, String order, Class<T> type) {
        StringBuilder jpql = new StringBuilder(select).append(" from AuditEntry a where 1 = 1");
        List<Object[]> params = new ArrayList<>();
        if (!f.projectIds().isEmpty()) {
            jpql.append(" and a.projectId in :projects");
            params.add(new Object[]{"projects", f.projectIds()});
        }
        if (!f.types().isEmpty()) {
            jpql.append(" and a.type in :types");
            params.add(new Object[]{"types", f.types()});
        }
        if (!f.actorIds().isEmpty()) {
            // An actor is named by its id (a key id, a user id) or, for a portal user, its username.
            jpql.append(" and (a.actorId in :actors or a.actorName in :actors)");
            params.add(new Object[]{"actors", f.actorIds()});
        }
        if (!f.resourceIds().isEmpty()) {
            jpql.append(" and a.resourceId in :resources");
            params.add(new Object[]{"resources", f.resourceIds()});
        }
        if (f.from() != null) {
            jpql.append(" and a.effectiveAt >= :from");
            params.add(new Object[]{"from", f.from()});
        }
        if (f.to() != null) {
            jpql.append(" and a.effectiveAt < :to");
            params.add(new Object[]{"to", f.to()});
        }
        if (f.afterId() != null) {
            jpql.append(" and a.seq < (select b.seq from AuditEntry b where b.id = :after)");
            params.add(new Object[]{"after", f.afterId()});
        }
        jpql.append(order);
        TypedQuery<T> q = em.createQuery(jpql.toString(), type);
        params.forEach(p -> q.setParameter((String) p[0], p[1]));
        return q;
    }
}
