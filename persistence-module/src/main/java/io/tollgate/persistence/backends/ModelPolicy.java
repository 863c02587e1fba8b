package io.tollgate.persistence.backends;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Objects;

/** How a public model's requests are spread over its deployments: the routing strategy chosen for it. */
@Entity
@Table(name = "model_routes")
public class ModelPolicy {

    @Id
    private String model;

    @Column(nullable = false)
    private String strategy;

    protected ModelPolicy() {
    }

    public ModelPolicy(String model, String strategy) {
        this.model = Objects.requireNonNull(model);
        this.strategy = Objects.requireNonNull(strategy);
    }

    public void use(String newStrategy) {
        strategy = Objects.requireNonNull(newStrategy);
    }

    public String model() {
        return model;
    }

    public String strategy() {
        return strategy;
    }
}
