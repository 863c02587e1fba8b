package io.tollgate.gateway.admins.boundary;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;

import java.util.regex.Pattern;

/**
 * What a portal user's fields must be, with the messages (and {@code param} names) every caller shows: the facade
 * checks them before it stores anything, and the portal form puts each message on its field.
 */
public final class AdminUserRules {

    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 200;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");

    private AdminUserRules() {
    }

    public static String username(String typed) {
        String name = typed == null ? "" : typed.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw invalid("'username' must be 1 to 100 characters: letters, digits and . _ @ + -", "username");
        }
        return name;
    }

    public static String password(String typed) {
        // Not stripped: spaces are part of a passphrase.
        if (typed == null || typed.length() < MIN_PASSWORD || typed.length() > MAX_PASSWORD) {
            throw invalid("'password' must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.", "password");
        }
        return typed;
    }

    public static String role(String typed) {
        String role = typed == null ? "" : typed.strip();
        if (!PortalRoles.ALL.contains(role)) {
            throw invalid("'role' must be one of " + String.join(", ", PortalRoles.ALL) + ".", "role");
        }
        return role;
    }

    /** A tenant admin needs its project; every other role has none. */
    public static String projectFor(String role, String projectId) {
        String project = projectId == null || projectId.isBlank() ? null : projectId.strip();
        if (PortalRoles.TENANT_ADMIN.equals(role) && project == null) {
            throw invalid("'project_id' is required for a tenant_admin: the one project it serves.", "project_id");
        }
        if (!PortalRoles.TENANT_ADMIN.equals(role) && project != null) {
            throw invalid("'project_id' is only for a tenant_admin; a " + role + " is not bound to a project.",
                    "project_id");
        }
        return project;
    }

    static ApiException invalid(String message, String param) {
        return new ApiException(ApiError.invalidRequest(message, param));
    }
}
