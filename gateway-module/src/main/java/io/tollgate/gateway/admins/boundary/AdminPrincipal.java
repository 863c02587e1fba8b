package io.tollgate.gateway.admins.boundary;

/** Who is signed in to the portal: an admin user, its role and, for a tenant admin, the one project it serves. */
public record AdminPrincipal(String id, String username, String role, String projectId) {

    public boolean isTenantAdmin() {
        return PortalRoles.TENANT_ADMIN.equals(role);
    }
}
