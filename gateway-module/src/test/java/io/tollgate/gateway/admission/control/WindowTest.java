package io.tollgate.gateway.admission.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowTest {

    @Test
    void windowsAreFixedUtcPeriods() {
        Instant at = Instant.parse("2026-02-28T23:59:59.500Z");
        assertEquals(Instant.parse("2026-02-28T23:59:00Z").getEpochSecond(), Window.MINUTE.start(at));
        assertEquals(Instant.parse("2026-02-28T00:00:00Z").getEpochSecond(), Window.DAY.start(at));
        assertEquals(Instant.parse("2026-02-01T00:00:00Z").getEpochSecond(), Window.MONTH.start(at));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), Window.MONTH.end(Window.MONTH.start(at)));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), Window.DAY.end(Window.DAY.start(at)));
        assertEquals(0, Window.OPEN.start(at));
    }

    @Test
    void resetDurationsAreWrittenAsOpenAiWritesThem() {
        assertEquals("20ms", RateLimitHeaders.duration(Duration.ofMillis(20)));
        assertEquals("1s", RateLimitHeaders.duration(Duration.ofSeconds(1)));
        assertEquals("1.5s", RateLimitHeaders.duration(Duration.ofMillis(1500)));
        assertEquals("1.05s", RateLimitHeaders.duration(Duration.ofMillis(1050)));
        assertEquals("59.007s", RateLimitHeaders.duration(Duration.ofMillis(59_007)));
        assertEquals("2.23s", RateLimitHeaders.duration(Duration.ofMillis(2230)));
        assertEquals("6m0s", RateLimitHeaders.duration(Duration.ofMinutes(6)));
        assertEquals("2h0m5s", RateLimitHeaders.duration(Duration.ofSeconds(7205)));
        assertEquals("0ms", RateLimitHeaders.duration(Duration.ofMillis(-5)));
    }
}
