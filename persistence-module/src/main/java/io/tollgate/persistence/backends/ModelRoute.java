package io.tollgate.persistence.backends;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Objects;

/** One model a backend serves: the public name clients ask for, the backend's own name, and a routing weight. */
@Embeddable
public class ModelRoute {

    @Column(nullable = false)
    private String model;

    @Column(name = "upstream_model", nullable = false)
    private String upstreamModel;

    @Column(nullable = false)
    private int weight;

    protected ModelRoute() {
    }

    public ModelRoute(String model, String upstreamModel, int weight) {
        if (weight < 0) {
            throw new IllegalArgumentException("weight must not be negative");
        }
        this.model = Objects.requireNonNull(model);
        this.upstreamModel = Objects.requireNonNull(upstreamModel);
        this.weight = weight;
    }

    public String model() {
        return model;
    }

    public String upstreamModel() {
        return upstreamModel;
    }

    public int weight() {
        return weight;
    }
}
