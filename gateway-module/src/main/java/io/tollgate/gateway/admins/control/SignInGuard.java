package io.tollgate.gateway.admins.control;

import io.tollgate.gateway.admins.control.SignInThrottle.Standing;
import io.tollgate.persistence.admins.SignInFailureStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;

/**
 * {@link SignInThrottle} over the shared {@code sign_in_failures} table: the same counts on every replica. Runs in
 * the sign-in's transaction, which holds both subjects' rows until it ends.
 */
@ApplicationScoped
public class SignInGuard {

    @Inject
    SignInFailureStore store;

    /** How long this username or this address must still wait (the longer of the two), or zero. */
    public Duration waitFor(String username, String address, Instant now) {
        Duration user = SignInThrottle.wait(standing(SignInThrottle.userSubject(username)), now);
        Duration from = SignInThrottle.wait(standing(SignInThrottle.addressSubject(address)), now);
        return user.compareTo(from) >= 0 ? user : from;
    }

    /** Counts a failure against both; returns the lock it earned (zero: none yet). */
    public Duration failed(String username, String address, Instant now) {
        Duration user = count(SignInThrottle.userSubject(username), now, SignInThrottle.USER_FAILURES);
        Duration from = count(SignInThrottle.addressSubject(address), now, SignInThrottle.ADDRESS_FAILURES);
        return user.compareTo(from) >= 0 ? user : from;
    }

    /** A good password clears the username's count (not the address's: others may guess from it). */
    public void succeeded(String username) {
        store.clear(SignInThrottle.userSubject(username));
    }

    private Duration count(String subject, Instant now, int threshold) {
        Standing next = SignInThrottle.failed(standing(subject), now, threshold);
        store.save(subject, new SignInFailureStore.Row(next.failures(), next.firstFailureAt(), next.lockedUntil()));
        return SignInThrottle.wait(next, now);
    }

    private Standing standing(String subject) {
        SignInFailureStore.Row row = store.lock(subject);
        return row == null ? Standing.CLEAN : new Standing(row.failures(), row.firstFailureAt(), row.lockedUntil());
    }
}
