package io.tollgate.persistence.serviceaccounts;

import io.tollgate.persistence.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class ServiceAccountStore {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    public void add(ServiceAccount account) {
        em.persist(account);
    }

    /** A live service account of the project. */
    public Optional<ServiceAccount> find(String projectId, String id) {
        return Optional.ofNullable(em.find(ServiceAccount.class, id))
                .filter(a -> a.projectId().equals(projectId) && !a.isDeleted());
    }

    public Page<ServiceAccount> page(String projectId, String after, int limit) {
        Instant afterCreated = after == null ? null : find(projectId, after).map(ServiceAccount::createdAt).orElse(null);
        return Page.of(em, ServiceAccount.class, "x.projectId = :p and x.deletedAt is null", Map.of("p", projectId),
                afterCreated, after, limit);
    }
}
