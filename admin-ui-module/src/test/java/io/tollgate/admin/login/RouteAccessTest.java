package io.tollgate.admin.login;

import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.tollgate.admin.login.RouteAccess.Decision;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteAccessTest {

    static class SomeAdminPage {
    }

    @AnonymousAllowed
    static class SomePublicPage {
    }

    @Test
    void sendsAnonymousVisitorsOfAnAdminPageToLogin() {
        assertEquals(Decision.FORWARD_TO_LOGIN, RouteAccess.decide(SomeAdminPage.class, false));
    }

    @Test
    void letsSignedInAdminsIn() {
        assertEquals(Decision.ENTER, RouteAccess.decide(SomeAdminPage.class, true));
    }

    @Test
    void showsTheLoginPageToAnonymousVisitors() {
        assertEquals(Decision.ENTER, RouteAccess.decide(LoginView.class, false));
    }

    @Test
    void sendsSignedInAdminsFromLoginToHome() {
        assertEquals(Decision.FORWARD_TO_HOME, RouteAccess.decide(LoginView.class, true));
    }

    @Test
    void letsAnyoneIntoAPublicPage() {
        assertEquals(Decision.ENTER, RouteAccess.decide(SomePublicPage.class, false));
    }
}
