package io.tollgate.admin.users;

import io.tollgate.gateway.admins.boundary.PortalRoles;

/**
 * What the user form holds, as the facade takes it: the linked project goes with the tenant admin role only, so a
 * project picked and then left behind by a change of role is not sent (the facade would rightly refuse it).
 */
public record UserDraft(String username, String password, String role, String projectId) {

    public UserDraft {
        username = username == null ? "" : username;
        projectId = PortalRoles.TENANT_ADMIN.equals(role) ? projectId : null;
    }

    /** Whether the form should ask for a project: only for a tenant admin. */
    public static boolean needsProject(String role) {
        return PortalRoles.TENANT_ADMIN.equals(role);
    }
}
