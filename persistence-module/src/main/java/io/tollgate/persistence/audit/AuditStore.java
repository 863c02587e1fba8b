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

    /** Up to {@code limit + 1} entries, newest first (one more than asked, to tell whether there are more). */
    public List<AuditEntry> page(Filter f, int limit) {
        StringBuilder jpql = new StringBuilder("select a from AuditEntry a where 1 = 1");
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
            jpql.append(" and a.actorId in :actors");
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
        jpql.append(" order by a.seq desc");
        TypedQuery<AuditEntry> q = em.createQuery(jpql.toString(), AuditEntry.class);
        params.forEach(p -> q.setParameter((String) p[0], p[1]));
        return q.setMaxResults(limit + 1).getResultList();
    }
}
