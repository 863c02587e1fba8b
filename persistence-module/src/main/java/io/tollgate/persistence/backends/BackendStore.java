package io.tollgate.persistence.backends;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class BackendStore {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    public void add(Backend backend) {
        em.persist(backend);
    }

    public Optional<Backend> find(String id) {
        return Optional.ofNullable(em.find(Backend.class, id));
    }

    public boolean nameTaken(String name, String exceptId) {
        return !em.createQuery("select b.id from Backend b where b.name = :name and b.id <> :id", String.class)
                .setParameter("name", name).setParameter("id", exceptId == null ? "" : exceptId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    public List<Backend> all() {
        return em.createQuery("select distinct b from Backend b order by b.createdAt, b.id", Backend.class).getResultList();
    }

    /** The price in force now, if the backend has one. */
    public Optional<BackendPrice> currentPrice(String backendId) {
        return em.createQuery("select p from BackendPrice p where p.backendId = :b and p.validFrom <= :now "
                        + "order by p.validFrom desc", BackendPrice.class)
                .setParameter("b", backendId).setParameter("now", java.time.Instant.now())
                .setMaxResults(1).getResultStream().findFirst();
    }

    public void addPrice(BackendPrice price) {
        em.persist(price);
    }

    public List<GpuType> gpuTypes() {
        return em.createQuery("select g from GpuType g order by g.name", GpuType.class).getResultList();
    }

    public Optional<GpuType> gpuType(String name) {
        return Optional.ofNullable(em.find(GpuType.class, name));
    }

    public void addGpuType(GpuType type) {
        em.persist(type);
    }

    public Optional<ModelPolicy> policy(String model) {
        return Optional.ofNullable(em.find(ModelPolicy.class, model));
    }

    public List<ModelPolicy> policies() {
        return em.createQuery("select p from ModelPolicy p order by p.model", ModelPolicy.class).getResultList();
    }

    public void addPolicy(ModelPolicy policy) {
        em.persist(policy);
    }

    public void remove(Backend backend) {
        em.remove(backend);
    }
}
