package io.tollgate.gateway.admins.control;

import io.tollgate.gateway.admins.control.SignInThrottle.Standing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SignInThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static Standing fail(Standing s, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            s = SignInThrottle.failed(s, at, SignInThrottle.USER_FAILURES);
        }
        return s;
    }

    @Test
    void fourFailuresLockNothingTheFifthLocksForThirtySeconds() {
        Standing four = fail(Standing.CLEAN, 4, T0);
        assertEquals(4, four.failures());
        assertNull(four.lockedUntil());
        assertEquals(Duration.ZERO, SignInThrottle.wait(four, T0));

        Standing five = fail(four, 1, T0);
        assertEquals(Duration.ofSeconds(30), SignInThrottle.wait(five, T0));
        assertEquals(Duration.ofSeconds(10), SignInThrottle.wait(five, T0.plusSeconds(20)));
        assertEquals(Duration.ZERO, SignInThrottle.wait(five, T0.plusSeconds(30)));
    }

    @Test
    void eachFurtherFailureDoublesTheLockUpToFifteenMinutes() {
        Standing s = fail(Standing.CLEAN, 5, T0);
        Duration previous = SignInThrottle.wait(s, T0);
        for (int i = 0; i < 12; i++) {
            Instant at = T0.plusSeconds(1 + i);
            s = SignInThrottle.failed(s, at, SignInThrottle.USER_FAILURES);
            Duration lock = SignInThrottle.wait(s, at);
            Duration doubled = previous.multipliedBy(2);
            assertEquals(doubled.compareTo(SignInThrottle.MAX_LOCK) > 0 ? SignInThrottle.MAX_LOCK : doubled, lock);
            previous = lock;
        }
        assertEquals(SignInThrottle.MAX_LOCK, previous);
    }

    @Test
    void failuresOlderThanTheWindowStartTheCountAfresh() {
        Standing four = fail(Standing.CLEAN, 4, T0);
        Standing later = SignInThrottle.failed(four, T0.plus(SignInThrottle.WINDOW).plusSeconds(1),
                SignInThrottle.USER_FAILURES);
        assertEquals(1, later.failures());
        assertNull(later.lockedUntil());
    }

    @Test
    void aFailureDuringALockKeepsCountingEvenPastTheWindow() {
        Standing locked = fail(fail(Standing.CLEAN, 12, T0), 1, T0.plus(Duration.ofMinutes(14)));
        Instant pastTheWindowStillLocked = T0.plus(Duration.ofMinutes(20));
        assertEquals(Duration.ofMinutes(9), SignInThrottle.wait(locked, pastTheWindowStillLocked));
        Standing next = SignInThrottle.failed(locked, pastTheWindowStillLocked, SignInThrottle.USER_FAILURES);
        assertEquals(locked.failures() + 1, next.failures(), "a guesser cannot wait out the window inside a lock");
    }

    @Test
    void anAddressTakesMoreFailuresBeforeItIsLocked() {
        Standing s = Standing.CLEAN;
        for (int i = 1; i < SignInThrottle.ADDRESS_FAILURES; i++) {
            s = SignInThrottle.failed(s, T0, SignInThrottle.ADDRESS_FAILURES);
            assertNull(s.lockedUntil(), "failure " + i);
        }
        s = SignInThrottle.failed(s, T0, SignInThrottle.ADDRESS_FAILURES);
        assertEquals(SignInThrottle.FIRST_LOCK, SignInThrottle.wait(s, T0));
    }

    @Test
    void caseVariantsOfAUsernameShareOneCount() {
        assertEquals(SignInThrottle.userSubject("Admin "), SignInThrottle.userSubject("admin"));
    }
}
