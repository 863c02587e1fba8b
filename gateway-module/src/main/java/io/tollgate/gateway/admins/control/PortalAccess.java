package io.tollgate.gateway.admins.control;

import io.tollgate.gateway.admins.boundary.AdminPrincipal;
import io.tollgate.gateway.admins.boundary.PortalRoles;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The facades' own check of the portal user behind a call, so a tenant admin is held to its project whatever page,
 * URL or button sent the call — the portal's route guard is the first check, this the second. Calls from the admin
 * API (an admin key) carry no portal user and are not limited here. The portal says at startup how to find the user
 * signed in to the request being served.
 */
public final class PortalAccess {

    /** What a call does with a project. */
    public enum Use {
        /** Reads the project, its keys, limits, usage and spend. */
        READ,
        /** Creates or revokes the project's keys and service accounts. */
        MANAGE_KEYS,
        /** Changes the project itself: name, limits, spend limit, archive. */
        CONFIGURE
    }

    private static volatile Supplier<Optional<AdminPrincipal>> signedIn = Optional::empty;

    private PortalAccess() {
    }

    public static void signedInUsers(Supplier<Optional<AdminPrincipal>> source) {
        signedIn = source;
    }

    /** Throws the API error a refused use gets: 404 for a project a tenant admin may not know of, else 403. */
    public static void require(String projectId, Use use) {
        Optional<ApiError> refused = refusal(signedIn.get().orElse(null), projectId, use);
        if (refused.isPresent()) {
            throw new ApiException(refused.get());
        }
    }

    /**
     * A selection over projects (usage, spend): a tenant admin must name its own project and no other; an empty
     * selection means every project, which only others may read.
     */
    public static void requireOwnProjects(java.util.List<String> projectIds) {
        Optional<String> own = tenantProject();
        if (own.isPresent() && (projectIds == null || projectIds.isEmpty()
                || projectIds.stream().anyMatch(p -> !own.get().equals(p)))) {
            throw new ApiException(ApiError.notFound("No project with id '" + (projectIds == null ? ""
                    : String.join(",", projectIds)) + "'."));
        }
    }

    /** Managing portal users: only a platform admin. */
    public static void requirePlatformAdmin() {
        signedIn.get().filter(p -> !PortalRoles.PLATFORM_ADMIN.equals(p.role())).ifPresent(p -> {
            throw new ApiException(ApiError.forbidden("Your role (" + p.role() + ") may not manage portal users."));
        });
    }

    /** Creating a project: only a platform admin (or the admin API). */
    public static void requireNewProject() {
        signedIn.get().filter(p -> !PortalRoles.PLATFORM_ADMIN.equals(p.role())).ifPresent(p -> {
            throw new ApiException(ApiError.forbidden("Your role (" + p.role() + ") may not create projects."));
        });
    }

    /** The one project the signed-in portal user is held to, if it is a tenant admin. */
    public static Optional<String> tenantProject() {
        return signedIn.get().filter(AdminPrincipal::isTenantAdmin).map(AdminPrincipal::projectId);
    }

    /** Whether a call may reach all projects: the admin API, or a portal user who is not a tenant admin. */
    public static boolean seesAllProjects() {
        return signedIn.get().map(p -> !p.isTenantAdmin()).orElse(true);
    }

    static Optional<ApiError> refusal(AdminPrincipal who, String projectId, Use use) {
        if (who == null) {
            return Optional.empty();
        }
        if (who.isTenantAdmin()) {
            if (who.projectId() == null || !who.projectId().equals(projectId)) {
                // Another tenant's project does not exist for this user: the same answer as an unknown id.
                return Optional.of(ApiError.notFound("No project with id '" + projectId + "'."));
            }
            return use == Use.CONFIGURE
                    ? Optional.of(ApiError.forbidden("A tenant admin reads its project's limits but may not change "
                    + "them; ask a platform admin."))
                    : Optional.empty();
        }
        if (use == Use.READ || PortalRoles.PLATFORM_ADMIN.equals(who.role())) {
            return Optional.empty();
        }
        return Optional.of(ApiError.forbidden("Your role (" + who.role() + ") may not change projects or keys."));
    }
}
