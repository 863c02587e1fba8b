package io.tollgate.gateway.limits.boundary;

/**
 * {@code project.spend_limit} on the wire: the threshold in USD cents, always monthly in USD, and whether it is
 * refusing requests now ({@code enforcement.status}: {@code enforcing} or {@code inactive}).
 */
public record SpendLimitObject(String object, long thresholdAmount, String currency, String interval,
                               Enforcement enforcement) {

    public record Enforcement(String status) {
    }

    static SpendLimitObject of(LimitsFacade.SpendLimit s) {
        return new SpendLimitObject("project.spend_limit", s.thresholdCents(), "USD", "month",
                new Enforcement(s.enforcing() ? "enforcing" : "inactive"));
    }
}
