package io.tollgate.persistence.backends;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A GPU type of the catalogue and what one costs a month; self-hosted backends are costed from it. */
@Entity
@Table(name = "gpu_types")
public class GpuType {

    @Id
    private String name;

    @Column(name = "memory_gb", nullable = false)
    private int memoryGb;

    @Column(name = "monthly_usd", nullable = false, precision = 12, scale = 2)
    private BigDecimal monthlyUsd;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected GpuType() {
    }

    public GpuType(String name, int memoryGb, BigDecimal monthlyUsd, Instant at) {
        this.name = Objects.requireNonNull(name);
        this.memoryGb = memoryGb;
        this.monthlyUsd = Objects.requireNonNull(monthlyUsd);
        this.updatedAt = at;
    }

    public void reprice(int memory, BigDecimal monthly, Instant at) {
        memoryGb = memory;
        monthlyUsd = Objects.requireNonNull(monthly);
        updatedAt = at;
    }

    public String name() {
        return name;
    }

    public int memoryGb() {
        return memoryGb;
    }

    public BigDecimal monthlyUsd() {
        return monthlyUsd;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
