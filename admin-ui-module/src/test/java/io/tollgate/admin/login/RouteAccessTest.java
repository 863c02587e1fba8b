package io.tollgate.admin.login;

import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.tollgate.admin.backends.BackendListView;
import io.tollgate.admin.gpu.GpuCostView;
import io.tollgate.admin.login.RouteAccess.Decision;
import io.tollgate.admin.models.ModelRoutesView;
import io.tollgate.admin.projects.ProjectDetailView;
import io.tollgate.admin.projects.ProjectListView;
import io.tollgate.admin.usage.UsageView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteAccessTest {

    static class SomeSignedInPage {
    }

    @Area.Of(Area.PROJECTS)
    static class SomeProjectPage {
    }

    @Area.Of(Area.BACKENDS)
    static class SomeBackendPage {
    }

    @AnonymousAllowed
    static class SomePublicPage {
    }

    @Test
    void sendsAnonymousVisitorsOfAnAdminPageToLogin() {
        assertEquals(Decision.FORWARD_TO_LOGIN, RouteAccess.decide(SomeSignedInPage.class, false, null));
        assertEquals(Decision.FORWARD_TO_LOGIN, RouteAccess.decide(SomeProjectPage.class, false, null));
    }

    @Test
    void letsSignedInAdminsIntoPagesOfNoArea() {
        assertEquals(Decision.ENTER, RouteAccess.decide(SomeSignedInPage.class, true, Role.VIEWER));
    }

    @Test
    void showsTheLoginPageToAnonymousVisitors() {
        assertEquals(Decision.ENTER, RouteAccess.decide(LoginView.class, false, null));
    }

    @Test
    void sendsSignedInAdminsFromLoginToHome() {
        assertEquals(Decision.FORWARD_TO_HOME, RouteAccess.decide(LoginView.class, true, Role.PLATFORM_ADMIN));
    }

    @Test
    void letsAnyoneIntoAPublicPage() {
        assertEquals(Decision.ENTER, RouteAccess.decide(SomePublicPage.class, false, null));
    }

    @Test
    void refusesAnAreaTheRoleMayNotRead() {
        assertEquals(Decision.FORBIDDEN, RouteAccess.decide(SomeProjectPage.class, true, Role.OPERATOR));
        assertEquals(Decision.ENTER, RouteAccess.decide(SomeBackendPage.class, true, Role.OPERATOR));
        assertEquals(Decision.ENTER, RouteAccess.decide(SomeProjectPage.class, true, Role.VIEWER));
        assertEquals(Decision.FORBIDDEN, RouteAccess.decide(SomeBackendPage.class, true, Role.TENANT_ADMIN));
    }

    @Area.Of(Area.PROJECTS)
    @Area.ProjectScoped
    static class SomeOneProjectPage {
    }

    @Test
    void letsATenantAdminOntoItsOwnProjectsPageOnly() {
        assertEquals(Decision.ENTER, RouteAccess.decide(SomeOneProjectPage.class, true, Role.TENANT_ADMIN, "proj_a",
                "proj_a"));
        assertEquals(Decision.FORBIDDEN, RouteAccess.decide(SomeOneProjectPage.class, true, Role.TENANT_ADMIN, "proj_a",
                "proj_b"), "another project by URL");
        assertEquals(Decision.FORBIDDEN, RouteAccess.decide(SomeOneProjectPage.class, true, Role.TENANT_ADMIN, null,
                "proj_b"), "a tenant admin bound to no project reaches none");
        assertEquals(Decision.ENTER, RouteAccess.decide(SomeOneProjectPage.class, true, Role.PLATFORM_ADMIN, null,
                "proj_b"), "other roles are not bound to a project");
        assertEquals(Decision.FORBIDDEN, RouteAccess.decide(SomeBackendPage.class, true, Role.TENANT_ADMIN, "proj_a",
                null));
        assertTrue(ProjectDetailView.class.isAnnotationPresent(Area.ProjectScoped.class),
                "the project page is held to a tenant admin's project");
    }

    @Test
    void refusesEveryAreaToARoleTollgateDoesNotKnow() {
        assertEquals(Decision.FORBIDDEN, RouteAccess.decide(SomeBackendPage.class, true, null));
    }

    @Test
    void putsEveryFeaturePageInAnArea() {
        List<Class<?>> pages = List.of(BackendListView.class, ProjectListView.class, ProjectDetailView.class,
                ModelRoutesView.class, GpuCostView.class, UsageView.class,
                io.tollgate.admin.monitoring.MonitoringView.class, io.tollgate.admin.audit.AuditLogView.class,
                io.tollgate.admin.users.UsersView.class);
        for (Class<?> page : pages) {
            assertTrue(page.isAnnotationPresent(Route.class), page + " is a route");
            assertTrue(page.isAnnotationPresent(Area.Of.class), page + " names its area, so the guard checks it");
        }
    }
}
