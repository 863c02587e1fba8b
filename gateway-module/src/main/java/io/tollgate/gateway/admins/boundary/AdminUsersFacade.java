package io.tollgate.gateway.admins.boundary;

import io.tollgate.persistence.admins.AdminStore;
import io.tollgate.persistence.admins.AdminUser;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.Optional;

/** Portal users: passwords hashed with Jakarta Security's PBKDF2, checked on sign-in. */
@ApplicationScoped
public class AdminUsersFacade {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");

    // A hash to verify against when the user does not exist, so a bad username costs as long as a bad password.
    private String decoyHash;

    @Inject
    AdminStore store;
    @Inject
    Pbkdf2PasswordHash hasher;

    @PostConstruct
    void init() {
        hasher.initialize(HASH_PARAMETERS);
        decoyHash = hasher.generate("decoy-password".toCharArray());
    }

    @Transactional
    public Optional<AdminPrincipal> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Optional<AdminUser> user = store.user(username.strip());
        boolean valid = hasher.verify(password.toCharArray(), user.map(AdminUser::passwordHash).orElse(decoyHash));
        return user.filter(u -> valid).map(u -> new AdminPrincipal(u.id(), u.username(), u.role()));
    }

    public String hash(String password) {
        return hasher.generate(password.toCharArray());
    }
}
