package io.tollgate.gateway.admins.boundary;

import io.tollgate.gateway.admins.control.PortalAccess;
import io.tollgate.gateway.admins.control.SignInGuard;
import io.tollgate.gateway.audit.control.AuditTrail;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Secrets;
import io.tollgate.persistence.admins.AdminStore;
import io.tollgate.persistence.admins.AdminUser;
import io.tollgate.persistence.projects.ProjectStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Portal users: passwords hashed with Jakarta Security's PBKDF2, checked on sign-in; listed, created, re-assigned,
 * given a new password and deleted by a platform admin, each change audited ({@code user.added}, {@code user.updated},
 * {@code user.deleted}, as OpenAI names them). No change leaves the portal without a platform admin.
 */
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
    @Inject
    ProjectStore projects;
    @Inject
    AuditTrail audit;
    @Inject
    SignInGuard guard;

    /** A portal user as lists show it: never its password hash. */
    public record UserView(String id, String username, String role, String projectId, Instant createdAt) {

        static UserView of(AdminUser u) {
            return new UserView(u.id(), u.username(), u.role(), u.projectId(), u.createdAt());
        }
    }

    @PostConstruct
    void init() {
        hasher.initialize(HASH_PARAMETERS);
        decoyHash = hasher.generate("decoy-password".toCharArray());
    }

    /** What a password sign-in came to. */
    public sealed interface SignIn {
        record SignedIn(AdminPrincipal admin) implements SignIn {
        }

        /** Wrong username or password (which of the two is never said). */
        record Refused() implements SignIn {
        }

        /** Too many failures for this username or from this address: no password is checked until then. */
        record Locked(Duration retryAfter) implements SignIn {
        }
    }

    /**
     * Checks a password sign-in, throttled per typed username and per client address ({@link SignInGuard}): a
     * locked attempt is refused without looking at the password, whether the user exists or not.
     */
    @Transactional
    public SignIn authenticate(String username, String password, String clientAddress) {
        if (username == null || password == null || username.isBlank()) {
            return new SignIn.Refused();
        }
        Instant now = Instant.now();
        String typed = username.strip();
        Optional<AdminUser> user = store.user(typed);
        Duration wait = guard.waitFor(typed, clientAddress, now);
        if (!wait.isZero()) {
            auditSignIn(Optional.empty(), user, "locked", "Too many failed sign-ins; locked for "
                    + wait.toSeconds() + " s more.");
            return new SignIn.Locked(wait);
        }
        boolean valid = hasher.verify(password.toCharArray(), user.map(AdminUser::passwordHash).orElse(decoyHash));
        Optional<AdminPrincipal> signedIn = user.filter(u -> valid)
                .map(u -> new AdminPrincipal(u.id(), u.username(), u.role(), u.projectId()));
        auditSignIn(signedIn, user, "invalid_credentials", "Wrong username or password.");
        if (signedIn.isPresent()) {
            guard.succeeded(typed);
            return new SignIn.SignedIn(signedIn.get());
        }
        Duration locked = guard.failed(typed, clientAddress, now);
        return locked.isZero() ? new SignIn.Refused() : new SignIn.Locked(locked);
    }

    /**
     * OpenAI's {@code login.succeeded} / {@code login.failed}. A failed attempt names the user only when one exists:
     * what was typed into the username field may be a password typed in the wrong box.
     */
    private void auditSignIn(Optional<AdminPrincipal> signedIn, Optional<AdminUser> attempted, String errorCode,
                             String errorMessage) {
        if (signedIn.isPresent()) {
            audit.recordSession("login.succeeded", signedIn.get().id(), signedIn.get().username(), null);
        } else {
            audit.recordSession("login.failed", attempted.map(AdminUser::id).orElse("unknown"),
                    attempted.map(AdminUser::username).orElse(null),
                    AuditTrail.fields("error_code", errorCode, "error_message", errorMessage));
        }
    }

    /** OpenAI's {@code logout.succeeded}. */
    @Transactional
    public void signedOut(AdminPrincipal who) {
        audit.recordSession("logout.succeeded", who.id(), who.username(), null);
    }

    /**
     * The portal user an OpenID Connect sign-in maps to (see {@link SsoIdentity}), or empty when Tollgate has none:
     * the provider vouched for the person, not for a Tollgate user.
     */
    @Transactional
    public Optional<AdminPrincipal> authenticateSso(SsoIdentity identity) {
        Optional<AdminUser> user = identity.match(store::user);
        Optional<AdminPrincipal> signedIn = user
                .map(u -> new AdminPrincipal(u.id(), u.username(), u.role(), u.projectId()));
        auditSignIn(signedIn, user, "sso_no_user", "The single sign-on identity matches no Tollgate user.");
        return signedIn;
    }

    @Transactional
    public List<UserView> users() {
        PortalAccess.requirePlatformAdmin();
        return store.users().stream().map(UserView::of).toList();
    }

    @Transactional
    public UserView create(String username, String password, String role, String projectId) {
        PortalAccess.requirePlatformAdmin();
        String name = AdminUserRules.username(username);
        String checkedRole = AdminUserRules.role(role);
        String project = existingProject(AdminUserRules.projectFor(checkedRole, projectId));
        String checkedPassword = AdminUserRules.password(password);
        if (store.user(name).isPresent()) {
            throw new ApiException(ApiError.invalidRequest("'username' " + name + " is taken.", "username"));
        }
        AdminUser user = new AdminUser(Secrets.newId("user"), name, hash(checkedPassword), checkedRole, Instant.now())
                .assign(checkedRole, project);
        store.add(user);
        audit.record("user.added", project, user.id(), AuditTrail.fields("data",
                AuditTrail.fields("username", name, "role", checkedRole, "project_id", project)));
        return UserView.of(user);
    }

    @Transactional
    public UserView assign(String id, String role, String projectId) {
        PortalAccess.requirePlatformAdmin();
        AdminUser user = user(id);
        String checkedRole = AdminUserRules.role(role);
        String project = existingProject(AdminUserRules.projectFor(checkedRole, projectId));
        String roleBefore = user.role();
        String projectBefore = user.projectId();
        if (PortalRoles.PLATFORM_ADMIN.equals(roleBefore) && !PortalRoles.PLATFORM_ADMIN.equals(checkedRole)) {
            keepAPlatformAdmin("role");
        }
        user.assign(checkedRole, project);
        audit.record("user.updated", project != null ? project : projectBefore, id, AuditTrail.fields(
                "changes_requested", AuditTrail.fields("role", checkedRole, "project_id", project),
                "before", AuditTrail.fields("role", roleBefore, "project_id", projectBefore)));
        return UserView.of(user);
    }

    @Transactional
    public void resetPassword(String id, String password) {
        PortalAccess.requirePlatformAdmin();
        AdminUser user = user(id);
        user.changePassword(hash(AdminUserRules.password(password)));
        audit.record("user.updated", user.projectId(), id, AuditTrail.fields("changes_requested",
                AuditTrail.fields("password", "reset")));
    }

    @Transactional
    public void delete(String id) {
        PortalAccess.requirePlatformAdmin();
        AdminUser user = user(id);
        if (PortalRoles.PLATFORM_ADMIN.equals(user.role())) {
            keepAPlatformAdmin(null);
        }
        store.remove(user);
        audit.record("user.deleted", user.projectId(), id, AuditTrail.fields("before",
                AuditTrail.fields("username", user.username(), "role", user.role(), "project_id", user.projectId())));
    }

    private AdminUser user(String id) {
        return store.userById(id).orElseThrow(() -> new ApiException(ApiError.notFound("No user with id '" + id
                + "'.")));
    }

    private String existingProject(String projectId) {
        if (projectId != null && projects.find(projectId).filter(p -> p.isActive()).isEmpty()) {
            throw new ApiException(ApiError.invalidRequest("'project_id' must name an active project; '" + projectId
                    + "' is not one.", "project_id"));
        }
        return projectId;
    }

    private void keepAPlatformAdmin(String param) {
        if (store.countWithRole(PortalRoles.PLATFORM_ADMIN) <= 1) {
            throw new ApiException(ApiError.invalidRequest("This is the last platform_admin: make another one first, "
                    + "or nobody could manage users.", param));
        }
    }

    public String hash(String password) {
        return hasher.generate(password.toCharArray());
    }
}
