package io.tollgate.gateway.admins.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who the OpenID provider says signed in, reduced to what Tollgate matches against its own users. The provider proves
 * the identity; Tollgate alone decides whether that identity is a portal user and with which role: nobody is created
 * from a provider's claims, so a group or role at the provider can never make a platform admin.
 *
 * @param username      the provider's username claim (the caller name, {@code preferred_username} by default)
 * @param email         the {@code email} claim, or null
 * @param emailVerified the {@code email_verified} claim; an unverified address is never matched, or anyone who may
 *                      type an address at the provider could sign in as the Tollgate user of that name
 */
public record SsoIdentity(String username, String email, boolean emailVerified) {

    /** The usernames to look up, in order: the username claim, then the verified e-mail address. */
    public List<String> candidateUsernames() {
        List<String> candidates = new ArrayList<>(2);
        addIfPresent(candidates, username);
        if (emailVerified) {
            addIfPresent(candidates, email);
        }
        return List.copyOf(candidates);
    }

    /** The first candidate {@code lookup} knows: the Tollgate user this identity is, if any. */
    public <T> Optional<T> match(Function<String, Optional<T>> lookup) {
        return candidateUsernames().stream().map(lookup).flatMap(Optional::stream).findFirst();
    }

    private static void addIfPresent(List<String> candidates, String value) {
        if (value != null && !value.isBlank() && !candidates.contains(value.strip())) {
            candidates.add(value.strip());
        }
    }
}
