package io.tollgate.admin.login;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import io.tollgate.gateway.admins.boundary.AdminPrincipal;

import java.util.Optional;

/**
 * The admin signed in to the current Vaadin session, if any. The principal lives in the session only: signing out
 * invalidates the HTTP session, so nothing of it survives a logout.
 */
public final class CurrentAdmin {

    private static final String ATTRIBUTE = CurrentAdmin.class.getName();

    private CurrentAdmin() {
    }

    /** The signed-in admin, or empty outside a Vaadin request or when nobody signed in. */
    public static Optional<AdminPrincipal> get() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return Optional.empty();
        }
        return Optional.ofNullable((AdminPrincipal) session.getAttribute(ATTRIBUTE));
    }

    /** The signed-in admin's role; empty when nobody signed in or the stored role is not one Tollgate knows. */
    public static Optional<Role> role() {
        return get().flatMap(admin -> Role.of(admin.role()));
    }

    public static boolean isSignedIn() {
        return get().isPresent();
    }

    /**
     * Remembers the admin for this session. The HTTP session id is rotated first, so an id planted in the browser
     * before login (session fixation) never becomes an authenticated one.
     */
    static void signIn(AdminPrincipal admin) {
        VaadinService.reinitializeSession(VaadinRequest.getCurrent());
        VaadinSession.getCurrent().setAttribute(ATTRIBUTE, admin);
    }

    /** Forgets the admin and invalidates the whole HTTP session (and with it every UI of this browser). */
    public static void signOut() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return;
        }
        session.setAttribute(ATTRIBUTE, null);
        session.getSession().invalidate();
    }
}
