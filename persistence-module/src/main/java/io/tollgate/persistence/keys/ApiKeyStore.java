package io.tollgate.persistence.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;


@ApplicationScoped
public class ApiKeyStore {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    public void add(ApiKey key) {
        em.persist(key);
    }

}
