package io.tollgate.persistence.projects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

@ApplicationScoped
public class ProjectStore {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    public void add(Project project) {
        em.persist(project);
    }

    public Optional<Project> find(String id) {
        return Optional.ofNullable(em.find(Project.class, id));
    }

    public io.tollgate.persistence.Page<Project> page(String after, int limit, boolean includeArchived) {
        java.time.Instant afterCreated = after == null ? null : find(after).map(Project::createdAt).orElse(null);
        return io.tollgate.persistence.Page.of(em, Project.class, includeArchived ? "true" : "x.status = 'active'",
                java.util.Map.of(), afterCreated, after, limit);
    }

    /** Projects whose name or id contains {@code filter} (any case), in creation order, from {@code offset}. */
    public java.util.List<Project> search(String filter, boolean includeArchived, int offset, int limit) {
        return searchQuery("select x", filter, includeArchived, " order by x.createdAt, x.id", Project.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long searchCount(String filter, boolean includeArchived) {
        return searchQuery("select count(x)", filter, includeArchived, "", Long.class).getSingleResult();
    }

    private <T> jakarta.persistence.TypedQuery<T> searchQuery(String select, String filter, boolean includeArchived,
                                                              String order, Class<T> type) {
        String wanted = filter == null ? "" : filter.strip().toLowerCase(java.util.Locale.ROOT);
        String jpql = select + " from Project x where (:all = true or x.status = 'active')"
                + (wanted.isEmpty() ? "" : " and (locate(:f, lower(x.name)) > 0 or locate(:f, lower(x.id)) > 0)") + order;
        var q = em.createQuery(jpql, type).setParameter("all", includeArchived);
        if (!wanted.isEmpty()) {
            q.setParameter("f", wanted);
        }
        return q;
    }

    public java.util.List<ProjectRateLimit> rateLimits(String projectId) {
        return em.createQuery("select r from ProjectRateLimit r where r.projectId = :p order by r.model",
                ProjectRateLimit.class).setParameter("p", projectId).getResultList();
    }

    /** The model's rate limit row, created (without limits) if there was none. */
    public ProjectRateLimit rateLimit(String projectId, String model) {
        ProjectRateLimit found = em.find(ProjectRateLimit.class, new ProjectRateLimit.Key(projectId, model));
        if (found == null) {
            found = new ProjectRateLimit(projectId, model);
            em.persist(found);
        }
        return found;
    }

    public long count() {
        return em.createQuery("select count(p) from Project p", Long.class).getSingleResult();
    }
}
