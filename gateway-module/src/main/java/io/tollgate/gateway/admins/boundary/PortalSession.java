package io.tollgate.gateway.admins.boundary;

import io.tollgate.gateway.admins.control.PortalAccess;
import io.tollgate.gateway.audit.control.AuditActor;
import jakarta.enterprise.inject.spi.CDI;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * How the portal tells the gateway who is signed in: every facade call checks that user's reach
 * ({@link PortalAccess}), and the changes of a request are audited under it ({@link AuditActor}).
 */
public final class PortalSession {

    private PortalSession() {
    }

    /** Where the facades find the signed-in portal user (the portal's session), once at start. */
    public static void signedInUsers(Supplier<Optional<AdminPrincipal>> source) {
        PortalAccess.signedInUsers(source);
    }

    /** The changes made in the current request are audited as this portal user's. */
    public static void changesBy(AdminPrincipal admin) {
        CDI.current().select(AuditActor.class).get().portalUser(admin.id(), admin.username());
    }
}
