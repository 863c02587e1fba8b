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

    public long count() {
        return em.createQuery("select count(p) from Project p", Long.class).getSingleResult();
    }
}
