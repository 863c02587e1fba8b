package io.tollgate.admin.projects;

import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import io.tollgate.gateway.limits.boundary.Limit;
import io.tollgate.gateway.limits.boundary.SpendLimitBody;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.binding.AdminBodies;

import java.math.BigDecimal;

/**
 * Turns what an admin typed into what the admin API's limits bodies carry, checked by the API's own rules
 * ({@link Limit}, {@link SpendLimitBody}) with its messages: empty or {@code 0} is no limit, a positive whole number
 * sets it; a spend limit is whole USD cents, at least one. A number a body could not carry (a fraction) is refused
 * here, in the same words.
 */
public final class LimitInput {

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private LimitInput() {
    }

    /** @param param the API's name for the field, named in the message and by the error */
    public static Integer integer(Number typed, String param) {
        Long value = limit(typed, param, Integer.MAX_VALUE);
        return value == null ? null : value.intValue();
    }

    public static Long longValue(Number typed, String param) {
        return limit(typed, param, Long.MAX_VALUE);
    }

    /** A typed number as the whole number a body would carry for this field, not yet checked by the field's rule. */
    static Long whole(Number typed, String param) {
        if (typed == null) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(typed.toString());
            if (value.stripTrailingZeros().scale() <= 0 && value.abs().compareTo(LONG_MAX) <= 0) {
                return value.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // not a number a body could carry: refused below
        }
        throw refused(param);
    }

    /** A monthly spend limit typed in dollars, as the API's whole cents. */
    public static long spendCents(BigDecimal usd) {
        Long cents = null;
        if (usd != null) {
            BigDecimal exact = usd.movePointRight(2);
            if (exact.stripTrailingZeros().scale() > 0 || exact.abs().compareTo(LONG_MAX) > 0) {
                throw new ApiException(ApiError.invalidRequest("'threshold_amount' " + SpendLimitBody.CENTS_RULE + ".",
                        "threshold_amount"));
            }
            cents = exact.longValueExact();
        }
        AdminBodies.validate(SpendLimitBody.monthly(cents));
        return cents;
    }

    /**
     * The same rule as a Binder validator: the field shows the admin API's own message under it, before anything
     * is sent. {@code wide}: a limit the API keeps as a long (the monthly token quota), else an int.
     */
    public static <N extends Number> Validator<N> rule(String param, boolean wide) {
        return (typed, context) -> {
            try {
                limit(typed, param, wide ? Long.MAX_VALUE : Integer.MAX_VALUE);
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

    private static Long limit(Number typed, String param, long max) {
        Long value = whole(typed, param);
        if (!Limit.Check.valid(value, max)) {
            throw refused(param);
        }
        return value == null || value == 0 ? null : value;
    }

    private static ApiException refused(String param) {
        return new ApiException(ApiError.invalidRequest("'" + param + "' " + Limit.MESSAGE + ".", param));
    }
}
