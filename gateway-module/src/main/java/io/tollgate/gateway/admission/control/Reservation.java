package io.tollgate.gateway.admission.control;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** What one admitted request holds of each limit until it is settled, exactly once. */
public final class Reservation {

    /** One limit's part of a reservation, tied to the window it was taken in. */
    record Taken(Demand demand, AdmissionControl.Bucket bucket, long windowStart) {
    }

    public static final Reservation NONE = new Reservation(null, List.of());

    private final AdmissionControl control;
    private final List<Taken> taken;
    private final AtomicBoolean settled = new AtomicBoolean();

    Reservation(AdmissionControl control, List<Taken> taken) {
        this.control = control;
        this.taken = taken;
    }

    /**
     * Settles on what the request really used: the unused part of each reservation is refunded (a use beyond the
     * reservation is charged too). Concurrency slots are always given back.
     *
     * @param answered false when no backend produced anything: then everything is refunded, requests included
     * @param tokens   tokens really used (prompt + completion)
     * @param costNanoUsd what they cost
     */
    public void settle(boolean answered, long tokens, long costNanoUsd) {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        for (Taken t : taken) {
            long used = !answered ? 0 : switch (t.demand().kind()) {
                case REQUESTS -> t.demand().amount();
                case TOKENS, QUOTA -> tokens;
                case SPEND -> costNanoUsd;
                case CONCURRENCY -> 0;
            };
            control.settle(t, used);
        }
    }
}
