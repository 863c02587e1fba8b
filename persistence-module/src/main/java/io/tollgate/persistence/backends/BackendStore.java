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

    public void remove(Backend backend) {
        em.remove(backend);
    }
}
