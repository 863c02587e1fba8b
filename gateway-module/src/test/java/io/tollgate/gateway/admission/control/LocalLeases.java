package io.tollgate.gateway.admission.control;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared counters' arithmetic in memory (what {@link LeaseStore} does in PostgreSQL under an advisory lock), so
 * several {@link AdmissionControl}s can play replicas sharing one database. It can be switched off to play an outage.
 */
final class LocalLeases implements LeaseSource {

    private final Map<String, Long> held = new ConcurrentHashMap<>();
    final AtomicInteger leaseCalls = new AtomicInteger();
    final AtomicBoolean down = new AtomicBoolean();

    @Override
    public synchronized Grant lease(String scope, long windowStart, Instant windowEnd, long limit, long want) {
        if (down.get()) {
            throw new LeaseUnavailable("down", null);
        }
        leaseCalls.incrementAndGet();
        long total = held.getOrDefault(scope + "@" + windowStart, 0L);
        long grant = Math.max(0, Math.min(want, limit - total));
        held.put(scope + "@" + windowStart, total + grant);
        return new Grant(grant, total + grant);
    }

    @Override
    public synchronized void giveBack(String scope, long windowStart, long amount) {
        if (down.get()) {
            throw new LeaseUnavailable("down", null);
        }
        held.computeIfPresent(scope + "@" + windowStart, (k, total) -> Math.max(0, total - amount));
    }

    synchronized long held(String scope, long windowStart) {
        return held.getOrDefault(scope + "@" + windowStart, 0L);
    }
}
