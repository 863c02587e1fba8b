package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.platform.binding.IntRange;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import java.math.BigDecimal;

/**
 * The body of {@code POST /v1/organization/gpu_types/{name}}: a new type needs both fields (the facade says so, as it
 * knows whether the type exists); a change may send either. {@code monthly_usd} is kept to the cent.
 */
public record GpuTypeBody(@IntRange(min = 1, max = 4096) Integer memoryGb,
                          @DecimalMin(value = "0", message = AMOUNT)
                          @DecimalMax(value = "10000000", message = AMOUNT) BigDecimal monthlyUsd) {

    static final String AMOUNT = "must be a non-negative amount";
}
