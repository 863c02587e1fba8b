package io.tollgate.gateway.admins.boundary;

import io.tollgate.gateway.platform.ApiException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AdminUserRulesTest {

    @Test
    void acceptsAUsernameOfLettersDigitsAndMailCharacters() {
        assertEquals("ops.lead@example.com", AdminUserRules.username("  ops.lead@example.com "));
    }

    @Test
    void refusesABlankOrOddUsernameOnItsField() {
        for (String bad : new String[]{null, "", "  ", "with space", "x".repeat(101), "semi;colon"}) {
            ApiException e = assertThrows(ApiException.class, () -> AdminUserRules.username(bad), bad);
            assertEquals("username", e.error().param());
            assertEquals(400, e.error().status());
        }
    }

    @Test
    void wantsAPasswordOfTwelveToTwoHundredCharacters() {
        assertEquals("twelve chars", AdminUserRules.password("twelve chars"));
        ApiException shortOne = assertThrows(ApiException.class, () -> AdminUserRules.password("eleven char"));
        assertEquals("password", shortOne.error().param());
        assertEquals("'password' must be 12 to 200 characters.", shortOne.error().message());
        assertThrows(ApiException.class, () -> AdminUserRules.password("x".repeat(201)));
        assertThrows(ApiException.class, () -> AdminUserRules.password(null));
    }

    @Test
    void knowsTheFourRoles() {
        PortalRoles.ALL.forEach(r -> assertEquals(r, AdminUserRules.role(r)));
        ApiException e = assertThrows(ApiException.class, () -> AdminUserRules.role("root"));
        assertEquals("role", e.error().param());
        assertEquals("'role' must be one of platform_admin, operator, viewer, tenant_admin.", e.error().message());
    }

    @Test
    void bindsATenantAdminAndOnlyATenantAdminToAProject() {
        assertEquals("proj_a", AdminUserRules.projectFor("tenant_admin", " proj_a "));
        assertEquals("project_id", assertThrows(ApiException.class,
                () -> AdminUserRules.projectFor("tenant_admin", " ")).error().param());
        assertEquals("project_id", assertThrows(ApiException.class,
                () -> AdminUserRules.projectFor("viewer", "proj_a")).error().param());
        assertNull(AdminUserRules.projectFor("operator", ""));
    }
}
