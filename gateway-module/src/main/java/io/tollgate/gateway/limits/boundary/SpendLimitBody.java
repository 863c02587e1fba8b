package io.tollgate.gateway.limits.boundary;

import io.tollgate.gateway.platform.binding.IntRange;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST …/projects/{project_id}/spend_limit}, OpenAI's hard spend limit: a monthly amount in whole
 * USD cents (up to USD 1 billion), and a currency and an interval that can each be only one thing. The portal's
 * spend-limit field is checked with it too.
 */
public record SpendLimitBody(
        @NotNull @IntRange(min = 1, max = SpendLimitBody.MAX_CENTS, message = SpendLimitBody.CENTS_RULE)
        Long thresholdAmount,
        @NotNull @Pattern(regexp = "USD", message = "must be 'USD'") String currency,
        @NotNull @Pattern(regexp = "month", message = "must be 'month'") String interval) {

    /** USD 1 billion. */
    public static final long MAX_CENTS = 100_000_000_000L;

    /** The words after the field's name, for a form that turns dollars into cents itself. */
    public static final String CENTS_RULE = "must be a whole number of USD cents, at least 1";

    /** A monthly limit of this many cents, as the portal sets it. */
    public static SpendLimitBody monthly(Long cents) {
        return new SpendLimitBody(cents, "USD", "month");
    }
}
