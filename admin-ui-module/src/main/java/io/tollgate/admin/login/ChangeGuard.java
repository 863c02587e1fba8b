package io.tollgate.admin.login;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.tollgate.gateway.admins.boundary.PortalSession;

/**
 * The server-side check before every change made in the portal: a button a read-only role can see still changes
 * nothing, whatever the browser sends. The refused admin is told why; an allowed change is recorded in the audit log
 * under the signed-in portal user (the facades audit in the same HTTP request, whose actor this sets through {@link PortalSession}).
 */
public final class ChangeGuard {

    private ChangeGuard() {
    }

    /** Whether the signed-in admin may change this area; when not, a notification says so. */
    public static boolean allows(Area area) {
        Role role = CurrentAdmin.role().orElse(null);
        if (role != null && role.canChange(area)) {
            CurrentAdmin.get().ifPresent(PortalSession::changesBy);
            return true;
        }
        Notification refused = Notification.show(refusal(role, area), 5000, Notification.Position.TOP_CENTER);
        refused.addThemeVariants(NotificationVariant.LUMO_ERROR);
        refused.addClassName("change-refused");
        return false;
    }

    /** Whether the signed-in admin may change this area, without telling anyone (to label read-only pages). */
    public static boolean mayChange(Area area) {
        return CurrentAdmin.role().map(r -> r.canChange(area)).orElse(false);
    }

    static String refusal(Role role, Area area) {
        return role == null ? "Your account has no role that may change " + area.description() + "."
                : "Your role (" + role.label() + ") may not change " + area.description() + ".";
    }
}
