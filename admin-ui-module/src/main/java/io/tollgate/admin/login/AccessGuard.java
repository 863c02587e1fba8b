package io.tollgate.admin.login;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterListener;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.UIInitEvent;
import jakarta.enterprise.context.ApplicationScoped;
import io.tollgate.gateway.admins.boundary.PortalSession;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Checks every navigation of every UI once, here, instead of in each view: vaadin-cdi fires {@link ServiceInitEvent}
 * as a CDI event when the Vaadin service starts, and each new UI gets the same before-enter check. Changes made on a
 * page are checked again where they are made ({@link ChangeGuard}): a page a role may read is not one it may change.
 */
@ApplicationScoped
public class AccessGuard {

    void installOnEveryUi(@Observes ServiceInitEvent event) {
        // The facades check the same user again (a tenant admin's project) on every call the portal makes.
        PortalSession.signedInUsers(CurrentAdmin::get);
        event.getSource().addUIInitListener(AccessGuard::guard);
    }

    private static void guard(UIInitEvent event) {
        event.getUI().addBeforeEnterListener(new SignedInCheck());
    }

    /** A named class, not a lambda: UI listeners are serialized with the session. */
    private static final class SignedInCheck implements BeforeEnterListener {

        @Override
        public void beforeEnter(BeforeEnterEvent event) {
            // A single sign-on waiting in the session (SsoSignInServlet) is completed first, whatever page is asked.
            var signedOn = CurrentAdmin.completeSsoSignIn();
            if (signedOn.isPresent()) {
                event.forwardTo(LoginView.home(signedOn.get()));
                return;
            }
            List<String> segments = event.getLocation().getSegments();
            String requestedProject = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            switch (RouteAccess.decide(event.getNavigationTarget(), CurrentAdmin.isSignedIn(),
                    CurrentAdmin.role().orElse(null), CurrentAdmin.get().map(a -> a.projectId()).orElse(null),
                    requestedProject)) {
                case FORWARD_TO_LOGIN -> event.forwardTo(LoginView.class);
                case FORWARD_TO_HOME -> event.forwardTo("");
                case FORBIDDEN -> event.forwardTo(AccessDeniedView.class);
                case ENTER -> { }
            }
        }
    }
}
