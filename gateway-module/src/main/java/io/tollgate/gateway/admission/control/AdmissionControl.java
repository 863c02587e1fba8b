package io.tollgate.gateway.admission.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * This replica's side of admission: per limit, a local balance leased from the shared counters. A request takes
 * from the balances of every limit it is subject to, or from none (all or nothing); the balance is topped up in the
 * background when it runs low, so at steady state no request waits for the database.
 * <p>
 * Error bounds, per limit and window:
 * <ul>
 *   <li>Over-admission: none for request counts and concurrency (a replica admits only what it leased). For tokens
 *   and spend, only by what requests use beyond their reservation (the reservation counts the prompt and
 *   {@code max_tokens}, so this is rare), and by the outage allowance below.</li>
 *   <li>Under-admission: at most what replicas hold leased but unused when demand stops — per replica at most
 *   {@link #chunk} + the request's own amount, i.e. ~0.5% of the limit per replica.</li>
 *   <li>While the shared counters cannot be reached: a fail-open project gets {@code outageShare} of each limit per
 *   window on each replica; a fail-closed project is refused.</li>
 * </ul>
 */
public final class AdmissionControl {

    /** How long after a failed lease this replica stays in outage mode before the database is tried again. */
    static final Duration OUTAGE_BACKOFF = Duration.ofSeconds(2);

    private final LeaseSource leases;
    private final Clock clock;
    private final Executor background;
    private final double outageShare;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile Instant outageUntil = Instant.MIN;
    private volatile Consumer<Boolean> outageListener = up -> { };

    public AdmissionControl(LeaseSource leases, Clock clock, Executor background, double outageShare) {
        this.leases = leases;
        this.clock = clock;
        this.background = background;
        this.outageShare = outageShare;
    }

    /** Told {@code true} when this replica enters outage mode and {@code false} when it leaves it. */
    public void onOutageChange(Consumer<Boolean> listener) {
        this.outageListener = listener;
    }

    /** The lease size asked for beyond immediate need: 0.5% of the limit, so unused leases stay within bounds. */
    static long chunk(long limit) {
        return Math.max(1, (limit + 199) / 200);
    }

    /**
     * Reserves every demand or none.
     *
     * @param failOpen what to do while the shared counters are unreachable
     * @throws Refused naming the first limit that has no room
     */
    public Reservation admit(List<Demand> demands, boolean failOpen) {
        Instant now = clock.instant();
        List<Reservation.Taken> taken = new ArrayList<>(demands.size());
        for (Demand d : demands) {
            Bucket b = bucket(d, now);
            long windowStart;
            synchronized (b) {
                b.limit = d.limit();
                windowStart = b.windowStart;
                if (b.balance < d.amount()) {
                    try {
                        refill(b, d.amount() - b.balance + chunk(d.limit()), now, failOpen);
                    } catch (Refused e) {
                        release(taken);
                        throw e;
                    }
                }
                if (b.balance < d.amount()) {
                    release(taken);
                    throw new Refused(d, d.window().end(b.windowStart), false);
                }
                b.balance -= d.amount();
                b.prefetchIfLow(this);
            }
            taken.add(new Reservation.Taken(d, b, windowStart));
        }
        return new Reservation(this, List.copyOf(taken));
    }

    /** What the tightest limit of a kind looks like now, for the {@code x-ratelimit-*} headers (null: no such limit). */
    public Standing standing(List<Demand> demands, Demand.Kind kind) {
        Instant now = clock.instant();
        Standing tightest = null;
        for (Demand d : demands) {
            if (d.kind() != kind) {
                continue;
            }
            Bucket b = buckets.get(d.scope());
            long remaining;
            Instant reset;
            if (b == null) {
                remaining = d.limit();
                reset = d.window().end(d.window().start(now));
            } else {
                synchronized (b) {
                    // What no replica holds yet, plus what this one holds unused.
                    remaining = Math.max(0, Math.min(d.limit(), d.limit() - b.knownTotal + Math.max(0, b.balance)));
                    reset = d.window().end(b.windowStart);
                }
            }
            if (tightest == null || remaining < tightest.remaining()) {
                tightest = new Standing(d.limit(), remaining, Duration.between(now, reset));
            }
        }
        return tightest;
    }

    public record Standing(long limit, long remaining, Duration reset) {
    }

    private Bucket bucket(Demand d, Instant now) {
        long start = d.window().start(now);
        Bucket b = buckets.compute(d.scope(), (scope, old) -> old != null && old.windowStart == start ? old
                : new Bucket(scope, d.window(), start));
        return b;
    }

    private void refill(Bucket b, long want, Instant now, boolean failOpen) {
        if (now.isBefore(outageUntil)) {
            outageRefill(b, want, failOpen);
            return;
        }
        try {
            LeaseSource.Grant g = leases.lease(b.scope, b.windowStart, b.window.end(b.windowStart), b.limit, want);
            b.balance += g.granted();
            b.knownTotal = g.total();
        } catch (LeaseSource.LeaseUnavailable e) {
            enterOutage(now);
            outageRefill(b, want, failOpen);
        }
    }

    private void enterOutage(Instant now) {
        boolean wasUp = !now.isBefore(outageUntil);
        outageUntil = now.plus(OUTAGE_BACKOFF);
        if (wasUp) {
            outageListener.accept(true);
        }
    }

    /** True while this replica admits on local bounds because the shared counters could not be reached. */
    public boolean inOutage() {
        return clock.instant().isBefore(outageUntil);
    }

    private void outageRefill(Bucket b, long want, boolean failOpen) {
        if (!failOpen) {
            throw new Refused(null, null, true);
        }
        if (b.outageAllowance < 0) {
            b.outageAllowance = Math.max(1, (long) Math.ceil(b.limit * outageShare));
        }
        long grant = Math.min(want, b.outageAllowance);
        b.outageAllowance -= grant;
        b.balance += grant;
    }

    /** Background top-up: never throws, never blocks a request. */
    void prefetch(Bucket b) {
        background.execute(() -> {
            try {
                Instant now = clock.instant();
                if (now.isBefore(outageUntil)) {
                    return;
                }
                long want = chunk(b.limit);
                LeaseSource.Grant g;
                try {
                    g = leases.lease(b.scope, b.windowStart, b.window.end(b.windowStart), b.limit, want);
                } catch (LeaseSource.LeaseUnavailable e) {
                    enterOutage(now);
                    return;
                }
                synchronized (b) {
                    b.balance += g.granted();
                    b.knownTotal = g.total();
                }
            } finally {
                synchronized (b) {
                    b.prefetching = false;
                }
            }
        });
    }

    void settle(Reservation.Taken t, long used) {
        Bucket b = t.bucket();
        synchronized (b) {
            if (b.windowStart == t.windowStart() && buckets.get(b.scope) == b) {
                b.balance += t.demand().amount() - used;
            }
        }
    }

    private void release(List<Reservation.Taken> taken) {
        taken.forEach(t -> settle(t, 0));
    }

    /**
     * Periodic upkeep: forgets buckets of past windows, hands back idle concurrency slots beyond one chunk, and ends
     * outage mode once the shared counters answer again ({@code probe} true).
     */
    public void maintain(boolean databaseAnswers) {
        Instant now = clock.instant();
        if (databaseAnswers && now.isBefore(outageUntil)) {
            outageUntil = Instant.MIN;
            outageListener.accept(false);
        }
        for (Bucket b : buckets.values()) {
            long giveBack = 0;
            synchronized (b) {
                if (b.window != Window.OPEN && !now.isBefore(b.window.end(b.windowStart))) {
                    buckets.remove(b.scope, b);
                    continue;
                }
                if (b.window == Window.OPEN && b.balance > chunk(b.limit) && !inOutage()) {
                    giveBack = b.balance - chunk(b.limit);
                    b.balance -= giveBack;
                }
            }
            if (giveBack > 0) {
                giveBack(b, giveBack);
            }
        }
    }

    /** On shutdown: everything leased and unused goes back, for the other replicas. */
    public void giveBackAll() {
        for (Bucket b : buckets.values()) {
            long amount;
            synchronized (b) {
                amount = Math.max(0, b.balance);
                b.balance -= amount;
            }
            if (amount > 0) {
                giveBack(b, amount);
            }
        }
    }

    private void giveBack(Bucket b, long amount) {
        try {
            leases.giveBack(b.scope, b.windowStart, amount);
        } catch (LeaseSource.LeaseUnavailable e) {
            synchronized (b) {
                b.balance += amount; // keep it; a lease is never lost to a failed hand-back
            }
        }
    }

    /** A limit's local state in its current window. Guarded by its own monitor. */
    static final class Bucket {
        final String scope;
        final Window window;
        final long windowStart;
        long limit;
        long balance;
        long knownTotal;
        long outageAllowance = -1;
        boolean prefetching;

        Bucket(String scope, Window window, long windowStart) {
            this.scope = scope;
            this.window = window;
            this.windowStart = windowStart;
        }

        void prefetchIfLow(AdmissionControl control) {
            if (!prefetching && balance < (chunk(limit) + 1) / 2 && knownTotal < limit) {
                prefetching = true;
                control.prefetch(this);
            }
        }
    }

    /** No room under a limit, or (outage) no way to know. */
    public static final class Refused extends RuntimeException {
        private final transient Demand demand;
        private final transient Instant retryAt;
        private final boolean outage;

        Refused(Demand demand, Instant retryAt, boolean outage) {
            super(outage ? "admission unavailable" : "over " + demand.scope(), null, false, false);
            this.demand = demand;
            this.retryAt = retryAt;
            this.outage = outage;
        }

        /** The limit that refused; null in an outage. */
        public Demand demand() {
            return demand;
        }

        public Instant retryAt() {
            return retryAt;
        }

        public boolean outage() {
            return outage;
        }
    }
}
