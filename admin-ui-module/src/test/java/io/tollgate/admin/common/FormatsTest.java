package io.tollgate.admin.common;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatsTest {

    @Test
    void showsCentsAsDollars() {
        assertEquals("$123.45", Formats.cents(12345));
        assertEquals("$0.01", Formats.cents(1));
        assertEquals("$1,000,000.00", Formats.cents(100_000_000));
    }

    @Test
    void keepsTheDecimalsOfSmallPrices() {
        assertEquals("$0.15", Formats.usd(new BigDecimal("0.150000")));
        assertEquals("$2.50", Formats.usd(new BigDecimal("2.5")));
        assertEquals("$0.000125", Formats.usd(new BigDecimal("0.000125")));
        assertEquals("$10.00", Formats.usd(new BigDecimal("1E+1")));
        assertEquals("—", Formats.usd(null));
    }

    @Test
    void showsLedgerCostToTheCentAboveADollarAndFinerBelow() {
        assertEquals("$1.23", Formats.nanoUsd(1_234_567_890L));
        assertEquals("$0.000123", Formats.nanoUsd(123_456L));
        assertEquals("$0.00", Formats.nanoUsd(0));
    }

    @Test
    void showsNoLimitForAMissingLimit() {
        assertEquals("No limit", Formats.limit(null));
        assertEquals("60,000", Formats.limit(60_000));
    }

    @Test
    void showsTimesInUtc() {
        assertEquals("2025-03-04 05:06 UTC", Formats.time(Instant.parse("2025-03-04T05:06:07Z")));
        assertEquals("—", Formats.time(null));
    }
}
