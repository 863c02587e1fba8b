package io.tollgate.admin.login;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import io.tollgate.gateway.admins.boundary.AdminPrincipal;

import java.util.Optional;

/**
 * The admin signed in to the current Vaadin session, if any, by password or by single sign-on. The principal lives in
 * the session only: signing out invalidates the HTTP session, so nothing of it survives a logout, and the session
 * expires after the portal's session timeout without a request from the browser (see the WAR's web.xml).
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

    /**
     * Completes a single sign-on: {@link SsoSignInServlet} left the admin in the HTTP session, and this signs it in
     * exactly as a password sign-in does ({@link #signIn}: a new session id first). Empty when no sign-on is waiting.
     * Whoever was signed in before in this browser is replaced.
     */
    static Optional<AdminPrincipal> completeSsoSignIn() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null || !(session.getSession().getAttribute(SsoSignInServlet.HANDOFF)
                instanceof AdminPrincipal admin)) {
            return Optional.empty();
        }
        session.getSession().removeAttribute(SsoSignInServlet.HANDOFF);
        signIn(admin);
        return Optional.of(admin);
    }

    /**
     * Forgets the admin in this Vaadin session at once; the whole HTTP session (and with it every UI of this browser)
     * ends when the browser then loads {@link SignOutServlet#PATH}, outside any Vaadin round trip.
     */
    public static void signOut() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(ATTRIBUTE, null);
        }
    }
}
