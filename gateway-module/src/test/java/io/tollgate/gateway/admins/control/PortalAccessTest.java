package io.tollgate.gateway.admins.control;

import io.tollgate.gateway.admins.boundary.AdminPrincipal;
import io.tollgate.gateway.admins.control.PortalAccess.Use;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortalAccessTest {

    static final AdminPrincipal TENANT = new AdminPrincipal("user_t", "tina", "tenant_admin", "proj_a");
    static final AdminPrincipal VIEWER = new AdminPrincipal("user_v", "vic", "viewer", null);
    static final AdminPrincipal ADMIN = new AdminPrincipal("user_p", "pat", "platform_admin", null);

    @AfterEach
    void nobodySignedIn() {
        PortalAccess.signedInUsers(Optional::empty);
    }

    @Test
    void holdsATenantAdminToItsOwnProject() {
        assertTrue(PortalAccess.refusal(TENANT, "proj_a", Use.READ).isEmpty());
        assertTrue(PortalAccess.refusal(TENANT, "proj_a", Use.MANAGE_KEYS).isEmpty());
        ApiError other = PortalAccess.refusal(TENANT, "proj_b", Use.READ).orElseThrow();
        assertEquals(404, other.status(), "another tenant's project does not exist for it");
        assertEquals(404, PortalAccess.refusal(TENANT, "proj_b", Use.MANAGE_KEYS).orElseThrow().status());
    }

    @Test
    void letsATenantAdminReadButNotChangeItsLimits() {
        assertEquals(403, PortalAccess.refusal(TENANT, "proj_a", Use.CONFIGURE).orElseThrow().status());
    }

    @Test
    void letsAViewerReadButChangeNothing() {
        assertTrue(PortalAccess.refusal(VIEWER, "proj_b", Use.READ).isEmpty());
        assertEquals(403, PortalAccess.refusal(VIEWER, "proj_b", Use.MANAGE_KEYS).orElseThrow().status());
        assertEquals(403, PortalAccess.refusal(VIEWER, "proj_b", Use.CONFIGURE).orElseThrow().status());
    }

    @Test
    void limitsNeitherAPlatformAdminNorTheAdminApi() {
        for (Use use : Use.values()) {
            assertTrue(PortalAccess.refusal(ADMIN, "proj_b", use).isEmpty());
            assertTrue(PortalAccess.refusal(null, "proj_b", use).isEmpty());
        }
    }

    @Test
    void checksWhoeverThePortalSaysIsSignedIn() {
        PortalAccess.signedInUsers(() -> Optional.of(TENANT));
        assertDoesNotThrow(() -> PortalAccess.require("proj_a", Use.MANAGE_KEYS));
        assertThrows(ApiException.class, () -> PortalAccess.require("proj_b", Use.READ));
        assertEquals(Optional.of("proj_a"), PortalAccess.tenantProject());
        assertFalse(PortalAccess.seesAllProjects());
        assertEquals(403, assertThrows(ApiException.class, PortalAccess::requireNewProject).error().status());
        assertEquals(403, assertThrows(ApiException.class, PortalAccess::requirePlatformAdmin).error().status());

        assertDoesNotThrow(() -> PortalAccess.requireOwnProjects(java.util.List.of("proj_a")));
        assertThrows(ApiException.class, () -> PortalAccess.requireOwnProjects(java.util.List.of()),
                "every project's usage is not a tenant admin's");
        assertThrows(ApiException.class, () -> PortalAccess.requireOwnProjects(java.util.List.of("proj_a", "proj_b")));

        PortalAccess.signedInUsers(Optional::empty);
        assertDoesNotThrow(() -> PortalAccess.require("proj_b", Use.CONFIGURE));
        assertDoesNotThrow(() -> PortalAccess.requireOwnProjects(java.util.List.of()));
        assertTrue(PortalAccess.seesAllProjects());
    }
}
