package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
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

    /** A catalogue name (the path's last segment): 1 to 64 letters, digits, '.', '_' or '-'. */
    public static String checkedName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new ApiException(ApiError.invalidRequest("A GPU type name is 1 to 64 letters, digits, '.', '_' or "
                    + "'-'.", "name"));
        }
        return name;
    }

    /** The monthly cost as stored: to the cent. */
    public BigDecimal monthlyToTheCent() {
        return monthlyUsd == null ? null : monthlyUsd.setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
