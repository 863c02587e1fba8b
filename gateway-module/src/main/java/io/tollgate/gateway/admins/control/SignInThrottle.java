package io.tollgate.gateway.admins.control;

import java.time.Duration;
import java.time.Instant;

/**
 * How failed password sign-ins slow down guessing (OWASP ASVS 2.2.1): per typed username, from the
 * {@value #USER_FAILURES}th failure within {@link #WINDOW}, and per client address from the
 * {@value #ADDRESS_FAILURES}th, the subject is locked for a time that doubles with each further failure, up to
 * {@link #MAX_LOCK}. Pure: the caller passes the time and the standing read from the database.
 */
public final class SignInThrottle {

    public static final int USER_FAILURES = 5;
    /** Higher: one address may be a whole office behind NAT. */
    public static final int ADDRESS_FAILURES = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    public static final Duration MAX_LOCK = Duration.ofMinutes(15);

    private SignInThrottle() {
    }

    /** A subject's failures since {@code firstFailureAt}, and the lock they earned (null: none). */
    public record Standing(int failures, Instant firstFailureAt, Instant lockedUntil) {
        public static final Standing CLEAN = new Standing(0, null, null);
    }

    /** How long the subject must still wait, or zero. */
    public static Duration wait(Standing standing, Instant now) {
        if (standing.lockedUntil() == null || !standing.lockedUntil().isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, standing.lockedUntil());
    }

    /** The standing after one more failure at {@code now}; {@code threshold} is the failures a lock starts at. */
    public static Standing failed(Standing standing, Instant now, int threshold) {
        boolean fresh = standing.firstFailureAt() == null
                || (standing.firstFailureAt().plus(WINDOW).isBefore(now) && wait(standing, now).isZero());
        int failures = fresh ? 1 : standing.failures() + 1;
        Instant first = fresh ? now : standing.firstFailureAt();
        if (failures < threshold) {
            return new Standing(failures, first, null);
        }
        int doublings = Math.min(failures - threshold, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return new Standing(failures, first, now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock));
    }

    /** The subject of a typed username: stripped and lowercased, so that case variants share one count. */
    public static String userSubject(String typedName) {
        return "user:" + typedName.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public static String addressSubject(String address) {
        return "address:" + address;
    }
}
