package io.tollgate.admin.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Text for amounts, counts and times as every page shows them: UTC times, USD with a dollar sign. */
public final class Formats {

    public static final String NONE = "—";

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    public static String time(Instant at) {
        return at == null ? NONE : MINUTE.format(at);
    }

    /** "1,234,567". */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A limit, or "No limit" where none is set. */
    public static String limit(Number value) {
        return value == null ? "No limit" : count(value.longValue());
    }

    /** USD cents as dollars: 12345 → "$123.45". */
    public static String cents(long cents) {
        return usd(BigDecimal.valueOf(cents, 2));
    }

    /** Dollars with at least two decimals, more where the amount has them (per-token prices are small). */
    public static String usd(BigDecimal amount) {
        if (amount == null) {
            return NONE;
        }
        BigDecimal shown = amount.stripTrailingZeros();
        if (shown.scale() < 2) {
            shown = shown.setScale(2, RoundingMode.UNNECESSARY);
        }
        String sign = shown.signum() < 0 ? "-" : "";
        return sign + "$" + String.format(Locale.ROOT, "%,." + shown.scale() + "f", shown.abs());
    }

    /** The ledger's nano-USD as dollars, to the cent for large amounts and to 6 decimals below a dollar. */
    public static String nanoUsd(long nanoUsd) {
        BigDecimal usd = BigDecimal.valueOf(nanoUsd, 9);
        return usd(usd.abs().compareTo(BigDecimal.ONE) >= 0 ? usd.setScale(2, RoundingMode.HALF_UP)
                : usd.setScale(6, RoundingMode.HALF_UP));
    }
}
