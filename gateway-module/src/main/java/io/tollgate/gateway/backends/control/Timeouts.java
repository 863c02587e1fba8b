package io.tollgate.gateway.backends.control;

import java.time.Duration;

/**
 * How long Tollgate waits for a backend: to connect, for the status line (time to first byte), between body pieces
 * (idle), and for the whole exchange (total). Defaults suit LLM servers, whose first token may wait in a queue.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {

    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_FIRST_BYTE = Duration.ofSeconds(120);
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TOTAL = Duration.ofMinutes(10);
    public static final Timeouts DEFAULTS = new Timeouts(DEFAULT_CONNECT, DEFAULT_FIRST_BYTE, DEFAULT_IDLE, DEFAULT_TOTAL);

    /** Milliseconds as stored; null means the default. */
    public static Timeouts ofMillis(Integer connect, Integer firstByte, Integer idle, Integer total) {
        return new Timeouts(millis(connect, DEFAULT_CONNECT), millis(firstByte, DEFAULT_FIRST_BYTE),
                millis(idle, DEFAULT_IDLE), millis(total, DEFAULT_TOTAL));
    }

    private static Duration millis(Integer value, Duration fallback) {
        return value == null ? fallback : Duration.ofMillis(value);
    }
}
