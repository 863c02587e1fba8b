package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.config.control.ConfigChanged;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.persistence.backends.BackendStore;
import io.tollgate.persistence.backends.GpuType;
import io.tollgate.gateway.audit.control.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The GPU catalogue (seeded from the article: A10G, L40S, A100 80 GB, H100 80 GB), as the admin API and the portal
 * edit it. A change re-costs self-hosted backends at their next price update (within minutes); past requests keep
 * the price they were costed at.
 */
@ApplicationScoped
public class GpuTypesFacade {

    /** USD per 1M tokens for GPUs costing {@code monthlyUsd} each, serving {@code tokensPerHour}, as pricing costs it. */
    public static java.math.BigDecimal effectivePerMillion(java.math.BigDecimal monthlyUsd, int count,
                                                           double tokensPerHour) {
        return io.tollgate.gateway.backends.control.GpuPricing.effectivePerMillion(monthlyUsd, count, tokensPerHour);
    }

    @Inject
    BackendStore store;
    @Inject
    Event<ConfigChanged> changed;
    @Inject
    AuditTrail audit;
    @Inject
    io.tollgate.gateway.backends.control.GpuPricing gpuPricing;

    public record GpuTypeView(String name, int memoryGb, BigDecimal monthlyUsd, Instant updatedAt) {
    }

    @Transactional
    public List<GpuTypeView> list() {
        return store.gpuTypes().stream().map(GpuTypesFacade::view).toList();
    }

    /** Creates the type, or changes its memory and monthly cost. */
    @Transactional
    public GpuTypeView put(String name, Integer memoryGb, BigDecimal monthlyUsd) {
        GpuType type = store.gpuType(name).orElse(null);
        Instant now = Instant.now();
        if (type == null) {
            if (memoryGb == null || monthlyUsd == null) {
                throw new ApiException(ApiError.invalidRequest("A new GPU type needs 'memory_gb' and 'monthly_usd'.",
                        memoryGb == null ? "memory_gb" : "monthly_usd"));
            }
            type = new GpuType(name, memoryGb, monthlyUsd, now);
            store.addGpuType(type);
        } else {
            type.reprice(memoryGb == null ? type.memoryGb() : memoryGb,
                    monthlyUsd == null ? type.monthlyUsd() : monthlyUsd, now);
        }
        audit.record("gpu_type.updated", null, name, AuditTrail.fields("changes_requested", AuditTrail.fields(
                "memory_gb", memoryGb, "monthly_usd", monthlyUsd)));
        changed.fire(new ConfigChanged("gpu_types"));
        gpuPricing.repriceSoon();
        return view(type);
    }

    private static GpuTypeView view(GpuType t) {
        return new GpuTypeView(t.name(), t.memoryGb(), t.monthlyUsd(), t.updatedAt());
    }
}
