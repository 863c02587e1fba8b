package io.tollgate.admin.login;

import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * Who may enter which route: everything needs a signed-in admin except views marked {@link AnonymousAllowed} (the
 * login page); a view marked {@link Area.Of} needs a role that may read that area, else the admin is shown the
 * access-denied page. A signed-in admin who opens the login page is sent to the portal's home instead. A tenant admin
 * enters a {@link Area.ProjectScoped} page only for its own project.
 */
public final class RouteAccess {

    /** What the guard does with one navigation. */
    public enum Decision {
        ENTER, FORWARD_TO_LOGIN, FORWARD_TO_HOME, FORBIDDEN
    }

    private RouteAccess() {
    }

    /**
     * @param role the signed-in admin's role; null for a visitor or for a role Tollgate does not know (which may
     *             read nothing)
     */
    public static Decision decide(Class<?> navigationTarget, boolean signedIn, Role role) {
        return decide(navigationTarget, signedIn, role, null, null);
    }

    /**
     * @param ownProject       the tenant admin's project (null for other roles)
     * @param requestedProject the project id in the URL of a {@link Area.ProjectScoped} page
     */
    public static Decision decide(Class<?> navigationTarget, boolean signedIn, Role role, String ownProject,
                                  String requestedProject) {
        Decision byArea = decideByArea(navigationTarget, signedIn, role);
        if (byArea == Decision.ENTER && role == Role.TENANT_ADMIN
                && navigationTarget.isAnnotationPresent(Area.ProjectScoped.class)
                && (ownProject == null || !ownProject.equals(requestedProject))) {
            return Decision.FORBIDDEN;
        }
        return byArea;
    }

    private static Decision decideByArea(Class<?> navigationTarget, boolean signedIn, Role role) {
        if (navigationTarget == LoginView.class) {
            return signedIn ? Decision.FORWARD_TO_HOME : Decision.ENTER;
        }
        if (navigationTarget.isAnnotationPresent(AnonymousAllowed.class)) {
            return Decision.ENTER;
        }
        if (!signedIn) {
            return Decision.FORWARD_TO_LOGIN;
        }
        Area.Of area = navigationTarget.getAnnotation(Area.Of.class);
        if (area == null || role != null && role.canView(area.value())) {
            return Decision.ENTER;
        }
        return Decision.FORBIDDEN;
    }
}
