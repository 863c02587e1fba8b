package io.tollgate.persistence.admins;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

@ApplicationScoped
public class AdminStore {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    public void add(AdminUser user) {
        em.persist(user);
    }

    public void add(AdminApiKey key) {
        em.persist(key);
    }

    public Optional<AdminUser> user(String username) {
        return em.createQuery("select u from AdminUser u where u.username = :u", AdminUser.class)
                .setParameter("u", username).getResultStream().findFirst();
    }

    public Optional<AdminUser> userById(String id) {
        return Optional.ofNullable(em.find(AdminUser.class, id));
    }

    /** Every portal user, by username. */
    public java.util.List<AdminUser> users() {
        return em.createQuery("select u from AdminUser u order by u.username", AdminUser.class).getResultList();
    }

    public void remove(AdminUser user) {
        em.remove(user);
    }

    public long countWithRole(String role) {
        return em.createQuery("select count(u) from AdminUser u where u.role = :r", Long.class)
                .setParameter("r", role).getSingleResult();
    }

    public long userCount() {
        return em.createQuery("select count(u) from AdminUser u", Long.class).getSingleResult();
    }

    public boolean hasKeyWithHash(byte[] hash) {
        return !em.createQuery("select k.id from AdminApiKey k where k.keyHash = :h", String.class)
                .setParameter("h", hash).getResultList().isEmpty();
    }

    public Optional<AdminApiKey> key(String id) {
        return Optional.ofNullable(em.find(AdminApiKey.class, id)).filter(k -> k.revokedAt() == null);
    }

    public io.tollgate.persistence.Page<AdminApiKey> keyPage(String after, int limit) {
        java.time.Instant afterCreated = after == null ? null : key(after).map(AdminApiKey::createdAt).orElse(null);
        return io.tollgate.persistence.Page.of(em, AdminApiKey.class, "x.revokedAt is null", java.util.Map.of(),
                afterCreated, after, limit);
    }

    public long keyCount() {
        return em.createQuery("select count(k) from AdminApiKey k", Long.class).getSingleResult();
    }
}
