package io.tollgate.admin.login;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoleTest {

    @Test
    void readsTheStoredRoleName() {
        assertEquals(Optional.of(Role.PLATFORM_ADMIN), Role.of("platform_admin"));
        assertEquals(Optional.of(Role.OPERATOR), Role.of(" operator "));
        assertEquals(Optional.of(Role.TENANT_ADMIN), Role.of("tenant_admin"));
        assertEquals(Optional.empty(), Role.of("superuser"));
        assertEquals(Optional.empty(), Role.of(null));
    }

    @Test
    void letsAPlatformAdminChangeEverything() {
        for (Area area : Area.values()) {
            assertTrue(Role.PLATFORM_ADMIN.canView(area), area.name());
            assertTrue(Role.PLATFORM_ADMIN.canChange(area), area.name());
        }
    }

    @Test
    void letsAnOperatorRunTheFleetButNotTouchProjects() {
        assertTrue(Role.OPERATOR.canChange(Area.BACKENDS));
        assertTrue(Role.OPERATOR.canChange(Area.MODELS));
        assertTrue(Role.OPERATOR.canChange(Area.GPU));
        assertTrue(Role.OPERATOR.canView(Area.USAGE));
        assertFalse(Role.OPERATOR.canChange(Area.USAGE));
        assertFalse(Role.OPERATOR.canView(Area.PROJECTS));
        assertFalse(Role.OPERATOR.canChange(Area.PROJECTS));
    }

    @Test
    void letsAViewerReadEverythingAndChangeNothing() {
        for (Area area : Area.values()) {
            assertTrue(Role.VIEWER.canView(area), area.name());
            assertFalse(Role.VIEWER.canChange(area), area.name());
        }
    }

    @Test
    void letsATenantAdminIntoNothingWhileAdminUsersCarryNoProject() {
        for (Area area : Area.values()) {
            assertFalse(Role.TENANT_ADMIN.canView(area), area.name());
            assertFalse(Role.TENANT_ADMIN.canChange(area), area.name());
        }
    }

    @Test
    void saysWhyAChangeWasRefused() {
        assertEquals("Your role (viewer) may not change backends.", ChangeGuard.refusal(Role.VIEWER, Area.BACKENDS));
        assertEquals("Your account has no role that may change GPU costs.", ChangeGuard.refusal(null, Area.GPU));
    }
}
