package io.tollgate.gateway.routing.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this replica sees of each backend, live: requests outstanding, a peak-sensitive moving average of its time to
 * first byte, and passive outlier ejection — {@link #EJECT_AFTER} consecutive failures eject a backend for
 * {@link #BASE_EJECTION} × 2^(ejections−1), capped at {@link #MAX_EJECTION}; a success or a passing active check
 * brings it back. An upstream 429 with {@code Retry-After} parks the backend for that long without counting as a
 * failure.
 */
@ApplicationScoped
public class BackendStats {

    static final int EJECT_AFTER = 3;
    static final Duration BASE_EJECTION = Duration.ofSeconds(10);
    static final Duration MAX_EJECTION = Duration.ofMinutes(5);
    /** The EWMA's decay time: a sample weighs e^(−Δt/τ) less for every Δt since the previous one. */
    static final double TAU_NANOS = Duration.ofSeconds(10).toNanos();

    private final Map<String, Backend> backends = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger awaitingFirstByte =
            new java.util.concurrent.atomic.AtomicInteger();
    private final Clock clock;

    public BackendStats() {
        this(Clock.systemUTC());
    }

    BackendStats(Clock clock) {
        this.clock = clock;
    }

    /** One backend's live state; guarded by its own monitor. */
    static final class Backend {
        int outstanding;
        double ewmaNanos = -1;
        long lastSampleNanos;
        int consecutiveFailures;
        int ejections;
        Instant ejectedUntil = Instant.MIN;
        Instant parkedUntil = Instant.MIN;
    }

    private Backend of(String backendId) {
        return backends.computeIfAbsent(backendId, id -> new Backend());
    }

    public void started(String backendId) {
        Backend b = of(backendId);
        synchronized (b) {
            b.outstanding++;
        }
        inFlight.incrementAndGet();
        awaitingFirstByte.incrementAndGet();
    }

    /** The request on this backend is over (however it ended); {@code answered}: its first byte had come. */
    public void ended(String backendId, boolean answered) {
        Backend b = of(backendId);
        synchronized (b) {
            b.outstanding = Math.max(0, b.outstanding - 1);
        }
        inFlight.decrementAndGet();
        if (!answered) {
            awaitingFirstByte.decrementAndGet();
        }
    }

    /** Requests on their way through this replica to a backend (the gateway HPA's second metric). */
    public int inFlight() {
        return inFlight.get();
    }

    /** Requests sent upstream still waiting for their first byte: the queue the gateway HPA scales on. */
    public int queued() {
        return awaitingFirstByte.get();
    }

    /** The backend answered (its status line came) after {@code firstByteNanos}. */
    public void answered(String backendId, long firstByteNanos, long nowNanos) {
        awaitingFirstByte.decrementAndGet();
        Backend b = of(backendId);
        synchronized (b) {
            b.consecutiveFailures = 0;
            if (b.ewmaNanos < 0) {
                b.ewmaNanos = firstByteNanos;
            } else if (firstByteNanos > b.ewmaNanos) {
                b.ewmaNanos = firstByteNanos; // peak-sensitive: a slow answer counts at once
            } else {
                double w = Math.exp(-(nowNanos - b.lastSampleNanos) / TAU_NANOS);
                b.ewmaNanos = b.ewmaNanos * w + firstByteNanos * (1 - w);
            }
            b.lastSampleNanos = nowNanos;
        }
    }

    /** The backend failed before answering (unreachable, timed out, 5xx). */
    public void failed(String backendId) {
        Backend b = of(backendId);
        synchronized (b) {
            b.consecutiveFailures++;
            if (b.consecutiveFailures >= EJECT_AFTER) {
                b.ejections++;
                long factor = 1L << Math.min(20, b.ejections - 1);
                Duration ejection = BASE_EJECTION.multipliedBy(factor);
                b.ejectedUntil = clock.instant().plus(ejection.compareTo(MAX_EJECTION) > 0 ? MAX_EJECTION : ejection);
                b.consecutiveFailures = 0;
            }
        }
    }

    /** The backend said 429: leave it alone until {@code retryAfter} (bounded by the maximum ejection). */
    public void throttled(String backendId, Duration retryAfter) {
        Backend b = of(backendId);
        synchronized (b) {
            Duration wait = retryAfter.compareTo(MAX_EJECTION) > 0 ? MAX_EJECTION : retryAfter;
            b.parkedUntil = clock.instant().plus(wait);
        }
    }

    /** A passing active check ends an ejection at once (and forgets the history that made it grow). */
    public void passedCheck(String backendId) {
        Backend b = backends.get(backendId);
        if (b != null) {
            synchronized (b) {
                if (clock.instant().isBefore(b.ejectedUntil)) {
                    b.ejectedUntil = Instant.MIN;
                    b.ejections = 0;
                }
            }
        }
    }

    public boolean ejected(String backendId) {
        Backend b = backends.get(backendId);
        if (b == null) {
            return false;
        }
        synchronized (b) {
            Instant now = clock.instant();
            return now.isBefore(b.ejectedUntil) || now.isBefore(b.parkedUntil);
        }
    }

    public int outstanding(String backendId) {
        Backend b = backends.get(backendId);
        if (b == null) {
            return 0;
        }
        synchronized (b) {
            return b.outstanding;
        }
    }

    /** The moving average of time to first byte in nanoseconds; 0 for a backend not seen yet (worth a try). */
    public double ewmaNanos(String backendId) {
        Backend b = backends.get(backendId);
        if (b == null) {
            return 0;
        }
        synchronized (b) {
            return Math.max(0, b.ewmaNanos);
        }
    }

    public int ejections(String backendId) {
        Backend b = backends.get(backendId);
        if (b == null) {
            return 0;
        }
        synchronized (b) {
            return b.ejections;
        }
    }
}
