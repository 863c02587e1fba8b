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
    void letsAViewerReadEverythingButUsersAndChangeNothing() {
        for (Area area : Area.values()) {
            assertEquals(area != Area.USERS, Role.VIEWER.canView(area), area.name());
            assertFalse(Role.VIEWER.canChange(area), area.name());
        }
    }

    @Test
    void letsATenantAdminServeItsKeysAndReadItsLimitsAndUsage() {
        assertTrue(Role.TENANT_ADMIN.canView(Area.PROJECTS));
        assertFalse(Role.TENANT_ADMIN.canChange(Area.PROJECTS), "limits are read-only to a tenant admin");
        assertTrue(Role.TENANT_ADMIN.canChange(Area.KEYS));
        assertTrue(Role.TENANT_ADMIN.canView(Area.USAGE));
        for (Area fleet : new Area[]{Area.BACKENDS, Area.MODELS, Area.GPU, Area.MONITORING, Area.AUDIT, Area.USERS}) {
            assertFalse(Role.TENANT_ADMIN.canView(fleet), fleet.name());
        }
    }

    @Test
    void keepsUsersToPlatformAdmins() {
        for (Role role : Role.values()) {
            assertEquals(role == Role.PLATFORM_ADMIN, role.canView(Area.USERS), role.name());
            assertEquals(role == Role.PLATFORM_ADMIN, role.canChange(Area.USERS), role.name());
        }
    }

    @Test
    void saysWhyAChangeWasRefused() {
        assertEquals("Your role (viewer) may not change backends.", ChangeGuard.refusal(Role.VIEWER, Area.BACKENDS));
        assertEquals("Your account has no role that may change GPU costs.", ChangeGuard.refusal(null, Area.GPU));
    }
}
