package io.tollgate.gateway.admission.control;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** The period a limit counts over: fixed UTC windows, or none for concurrency (slots are given back). */
public enum Window {
    MINUTE, DAY, MONTH, OPEN;

    /** Start of the window holding {@code now}, in epoch seconds (0 for {@link #OPEN}). */
    public long start(Instant now) {
        long s = now.getEpochSecond();
        return switch (this) {
            case MINUTE -> s - Math.floorMod(s, 60);
            case DAY -> s - Math.floorMod(s, 86_400);
            case MONTH -> YearMonth.from(now.atOffset(ZoneOffset.UTC)).atDay(1).atStartOfDay()
                    .toEpochSecond(ZoneOffset.UTC);
            case OPEN -> 0;
        };
    }

    /** End of the window that starts at {@code start} ({@link Instant#MAX}-like far future for {@link #OPEN}). */
    public Instant end(long start) {
        return switch (this) {
            case MINUTE -> Instant.ofEpochSecond(start + 60);
            case DAY -> Instant.ofEpochSecond(start + 86_400);
            case MONTH -> YearMonth.from(Instant.ofEpochSecond(start).atOffset(ZoneOffset.UTC)).plusMonths(1)
                    .atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            case OPEN -> Instant.parse("9999-01-01T00:00:00Z");
        };
    }
}
