package io.tollgate.persistence.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import io.tollgate.persistence.Page;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;


@ApplicationScoped
public class ApiKeyStore {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    public void add(ApiKey key) {
        em.persist(key);
    }

    /** A key of the project that has not been revoked. */
    public Optional<ApiKey> find(String projectId, String id) {
        return Optional.ofNullable(em.find(ApiKey.class, id))
                .filter(k -> k.projectId().equals(projectId) && k.revokedAt() == null);
    }

    public Page<ApiKey> page(String projectId, String after, int limit) {
        Instant afterCreated = after == null ? null : find(projectId, after).map(ApiKey::createdAt).orElse(null);
        return Page.of(em, ApiKey.class, "x.projectId = :p and x.revokedAt is null", Map.of("p", projectId),
                afterCreated, after, limit);
    }

    public List<ApiKey> ownedBy(String serviceAccountId) {
        return em.createQuery("select k from ApiKey k where k.serviceAccountId = :s and k.revokedAt is null", ApiKey.class)
                .setParameter("s", serviceAccountId).getResultList();
    }

}
