package io.tollgate.admin.projects;

import io.tollgate.gateway.platform.ApiException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LimitInputTest {

    @Test
    void readsEmptyAndZeroAsNoLimit() {
        assertNull(LimitInput.integer(null, "max_requests_per_1_minute"));
        assertNull(LimitInput.integer(0, "max_requests_per_1_minute"));
        assertEquals(600, LimitInput.integer(600, "max_requests_per_1_minute"));
        assertEquals(5_000_000_000L, LimitInput.longValue(5.0e9, "monthly_token_quota"));
    }

    @Test
    void refusesWhatTheApiRefusesWithItsMessage() {
        ApiException negative = assertThrows(ApiException.class,
                () -> LimitInput.integer(-1, "max_tokens_per_1_minute"));
        assertEquals("'max_tokens_per_1_minute' must be a positive integer, or 0 or null for no limit.",
                negative.error().message());
        assertEquals("max_tokens_per_1_minute", negative.error().param());
        assertThrows(ApiException.class, () -> LimitInput.longValue(1.5, "monthly_token_quota"));
        assertThrows(ApiException.class, () -> LimitInput.integer(3_000_000_000L, "max_concurrent_requests"));
    }

    @Test
    void turnsDollarsIntoWholeCents() {
        assertEquals(12_345, LimitInput.spendCents(new BigDecimal("123.45")));
        assertEquals(10_000, LimitInput.spendCents(new BigDecimal("100")));
        assertEquals(new BigDecimal("123.45"), LimitInput.usd(12_345));
    }

    @Test
    void refusesASpendLimitBelowACentOrWithFractionsOfOne() {
        for (String usd : new String[] {"0", "0.001", "-5", "12.345"}) {
            ApiException e = assertThrows(ApiException.class, () -> LimitInput.spendCents(new BigDecimal(usd)), usd);
            assertEquals("threshold_amount", e.error().param());
        }
        assertThrows(ApiException.class, () -> LimitInput.spendCents(null));
    }
}
