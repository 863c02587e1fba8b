package io.tollgate.gateway.admission.control;

import java.time.Instant;

/** Where leases come from: the shared counters every replica takes its share of a limit from. */
public interface LeaseSource {

    /**
     * Takes up to {@code want} more of the limit for this replica; never lets the sum over replicas exceed the limit.
     *
     * @throws LeaseUnavailable when the shared counters cannot be reached
     */
    Grant lease(String scope, long windowStart, Instant windowEnd, long limit, long want);

    /** Hands back part of this replica's lease, for other replicas to take. */
    void giveBack(String scope, long windowStart, long amount);

    /**
     * @param granted what this replica got now
     * @param total   what all replicas hold of the limit in this window, including this grant
     */
    record Grant(long granted, long total) {
    }

    final class LeaseUnavailable extends RuntimeException {
        public LeaseUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
