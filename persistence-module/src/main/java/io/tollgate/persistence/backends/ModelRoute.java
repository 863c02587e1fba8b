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

    @Column(nullable = false)
    private int quality;

    protected ModelRoute() {
    }

    public ModelRoute(String model, String upstreamModel, int weight, int quality) {
        this(model, upstreamModel, weight);
        this.quality = quality;
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

    /** The deployment's quality rank for the hybrid router's quality priority (0–100, higher is better). */
    public int quality() {
        return quality;
    }

    public int weight() {
        return weight;
    }
}
