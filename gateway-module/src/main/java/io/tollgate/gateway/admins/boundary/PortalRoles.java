package io.tollgate.gateway.admins.boundary;

import java.util.List;

/** The roles a portal user can hold, as stored. What each may see and change is the portal's (its Role enum). */
public final class PortalRoles {

    public static final String PLATFORM_ADMIN = "platform_admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";
    public static final String TENANT_ADMIN = "tenant_admin";

    public static final List<String> ALL = List.of(PLATFORM_ADMIN, OPERATOR, VIEWER, TENANT_ADMIN);

    private PortalRoles() {
    }
}
