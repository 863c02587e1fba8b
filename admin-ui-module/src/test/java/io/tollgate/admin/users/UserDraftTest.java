package io.tollgate.admin.users;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserDraftTest {

    @Test
    void sendsTheProjectWithATenantAdminOnly() {
        assertEquals("proj_a", new UserDraft("tina", "a long password", "tenant_admin", "proj_a").projectId());
        assertNull(new UserDraft("olga", "a long password", "operator", "proj_a").projectId(),
                "a project picked before the role changed is not sent");
    }

    @Test
    void asksForAProjectOnlyForATenantAdmin() {
        assertTrue(UserDraft.needsProject("tenant_admin"));
        assertFalse(UserDraft.needsProject("viewer"));
        assertFalse(UserDraft.needsProject(null));
    }

    @Test
    void leavesTheFieldsToTheFacadesRules() {
        UserDraft blank = new UserDraft(null, null, null, null);
        assertEquals("", blank.username(), "checked (and refused) by AdminUserRules, not here");
        assertNull(blank.password());
    }
}
