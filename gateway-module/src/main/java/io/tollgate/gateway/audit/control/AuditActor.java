package io.tollgate.gateway.audit.control;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is making the admin change in this request: the admin API key the request authenticated with, or the portal
 * user of the session. Set by the admin API's key filter, or by the portal for its own requests.
 */
@RequestScoped
public class AuditActor {

    /** A portal user: id and username. */
    public record PortalUser(String id, String username) {
    }

    /**
     * How the portal says who is signed in to the request being served (its UI thread state), registered by the
     * portal module at startup; empty outside portal requests.
     */
    private static volatile java.util.function.Supplier<java.util.Optional<PortalUser>> portal =
            java.util.Optional::empty;

    public static void portalUsers(java.util.function.Supplier<java.util.Optional<PortalUser>> source) {
        portal = source;
    }

    private String type;
    private String id;
    private String name;

    public void adminKey(String keyId) {
        type = "api_key";
        id = keyId;
        name = null;
    }

    public void portalUser(String userId, String username) {
        type = "session";
        id = userId;
        name = username;
    }

    private void resolve() {
        if (type == null) {
            portal.get().ifPresent(user -> portalUser(user.id(), user.username()));
        }
    }

    public String type() {
        resolve();
        return type == null ? "session" : type;
    }

    public String id() {
        resolve();
        return id == null ? "unknown" : id;
    }

    public String name() {
        resolve();
        return name;
    }
}
