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
