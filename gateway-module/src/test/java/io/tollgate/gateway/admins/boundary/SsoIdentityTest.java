package io.tollgate.gateway.admins.boundary;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SsoIdentityTest {

    /** The Tollgate users of these tests, by username. */
    private static final Map<String, String> ROLES = Map.of(
            "admin", "platform_admin",
            "ops@example.com", "operator");

    private static Optional<String> roleOf(SsoIdentity identity) {
        return identity.match(name -> Optional.ofNullable(ROLES.get(name)));
    }

    @Test
    void matchesTheUsernameClaimFirst() {
        assertEquals(Optional.of("platform_admin"), roleOf(new SsoIdentity("admin", "ops@example.com", true)));
    }

    @Test
    void fallsBackToAVerifiedEmailAddress() {
        assertEquals(Optional.of("operator"), roleOf(new SsoIdentity("ops", "ops@example.com", true)));
        assertEquals(Optional.of("operator"), roleOf(new SsoIdentity(null, " ops@example.com ", true)));
    }

    @Test
    void neverMatchesAnUnverifiedEmailAddress() {
        assertEquals(Optional.empty(), roleOf(new SsoIdentity("ops", "ops@example.com", false)));
        assertEquals(List.of("ops"), new SsoIdentity("ops", "ops@example.com", false).candidateUsernames());
    }

    @Test
    void refusesAnIdentityTollgateDoesNotKnow() {
        assertEquals(Optional.empty(), roleOf(new SsoIdentity("stranger", "stranger@example.com", true)));
        assertTrue(new SsoIdentity(" ", null, true).candidateUsernames().isEmpty());
    }

    @Test
    void looksEachUsernameUpOnce() {
        assertEquals(List.of("ops@example.com"),
                new SsoIdentity("ops@example.com", "ops@example.com", true).candidateUsernames());
    }
}
