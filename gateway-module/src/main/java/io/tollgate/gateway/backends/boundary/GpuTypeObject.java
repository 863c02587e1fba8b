package io.tollgate.gateway.backends.boundary;

import java.math.BigDecimal;

/** {@code organization.gpu_type} on the wire: its name is its id; {@code updated_at} in unix seconds. */
public record GpuTypeObject(String object, String id, String name, int memoryGb, BigDecimal monthlyUsd,
                            long updatedAt) {

    static GpuTypeObject of(GpuTypesFacade.GpuTypeView t) {
        return new GpuTypeObject("organization.gpu_type", t.name(), t.name(), t.memoryGb(), t.monthlyUsd(),
                t.updatedAt().getEpochSecond());
    }
}
