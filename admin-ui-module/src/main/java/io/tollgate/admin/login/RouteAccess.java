package io.tollgate.admin.login;

import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * Who may enter which route: everything needs a signed-in admin except views marked {@link AnonymousAllowed} (the
 * login page). A signed-in admin who opens the login page is sent to the portal's home instead.
 */
public final class RouteAccess {

    /** What the guard does with one navigation. */
    public enum Decision {
        ENTER, FORWARD_TO_LOGIN, FORWARD_TO_HOME
    }

    private RouteAccess() {
    }

    public static Decision decide(Class<?> navigationTarget, boolean signedIn) {
        if (navigationTarget == LoginView.class) {
            return signedIn ? Decision.FORWARD_TO_HOME : Decision.ENTER;
        }
        if (signedIn || navigationTarget.isAnnotationPresent(AnonymousAllowed.class)) {
            return Decision.ENTER;
        }
        return Decision.FORWARD_TO_LOGIN;
    }
}
