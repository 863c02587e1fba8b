package io.tollgate.admin.projects;

import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;

import java.math.BigDecimal;

/**
 * Turns what an admin typed into a limit the facade takes, with the admin API's own rules and messages: empty or
 * {@code 0} is no limit, a positive whole number sets it; a spend limit is whole USD cents, at least one.
 */
public final class LimitInput {

    private static final long MAX_CENTS = 100_000_000_000L;

    private LimitInput() {
    }

    /** @param param the API's name for the field, named in the message and by the error */
    public static Integer integer(Number typed, String param) {
        Long value = longValue(typed, param);
        if (value != null && value > Integer.MAX_VALUE) {
            throw invalid(param);
        }
        return value == null ? null : value.intValue();
    }

    public static Long longValue(Number typed, String param) {
        if (typed == null) {
            return null;
        }
        BigDecimal value = new BigDecimal(typed.toString());
        if (value.signum() < 0 || value.stripTrailingZeros().scale() > 0
                || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(param);
        }
        return value.signum() == 0 ? null : value.longValueExact();
    }

    /** A monthly spend limit typed in dollars, as the API's whole cents. */
    public static long spendCents(BigDecimal usd) {
        if (usd == null) {
            throw new ApiException(ApiError.invalidRequest("'threshold_amount' must be a whole number of USD cents, "
                    + "at least 1.", "threshold_amount"));
        }
        BigDecimal cents = usd.movePointRight(2);
        if (cents.signum() <= 0 || cents.stripTrailingZeros().scale() > 0
                || cents.compareTo(BigDecimal.valueOf(MAX_CENTS)) > 0) {
            throw new ApiException(ApiError.invalidRequest("'threshold_amount' must be a whole number of USD cents, "
                    + "at least 1.", "threshold_amount"));
        }
        return cents.longValueExact();
    }

    /**
     * The same rule as a Binder validator: the field shows the admin API's own message under it, before anything
     * is sent.
     */
    public static <N extends Number> Validator<N> rule(String param, boolean wide) {
        return (typed, context) -> {
            try {
                if (wide) {
                    longValue(typed, param);
                } else {
                    integer(typed, param);
                }
                return ValidationResult.ok();
            } catch (ApiException e) {
                return ValidationResult.error(e.error().message());
            }
        };
    }

    /** Cents as the dollar amount a money field shows. */
    public static BigDecimal usd(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static ApiException invalid(String param) {
        return new ApiException(ApiError.invalidRequest("'" + param + "' must be a positive integer, or 0 or null "
                + "for no limit.", param));
    }
}
