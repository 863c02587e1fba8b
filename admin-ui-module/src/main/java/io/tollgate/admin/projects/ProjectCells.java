package io.tollgate.admin.projects;

import io.tollgate.admin.common.Formats;
import io.tollgate.gateway.projects.boundary.ApiKeyView;
import io.tollgate.gateway.projects.boundary.ProjectView;

import java.time.Instant;

/** The text of project and key cells, kept apart from the grids so that it can be tested without a server. */
public final class ProjectCells {

    private ProjectCells() {
    }

    public static String status(ProjectView project) {
        return project.isActive() ? "Active" : "Archived";
    }

    /** "Revoked", "Expired" or "Active", as the key works right now. */
    public static String keyStatus(ApiKeyView key, Instant now) {
        if (key.revokedAt() != null) {
            return "Revoked";
        }
        if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) {
            return "Expired";
        }
        return "Active";
    }

    /** The visible start of the key, so that an admin recognises it; never the key. */
    public static String prefix(ApiKeyView key) {
        return key.prefix() + "…";
    }

    public static String lastUsed(ApiKeyView key) {
        return key.lastUsedAt() == null ? "Never" : Formats.time(key.lastUsedAt());
    }

    public static String expires(ApiKeyView key) {
        return key.expiresAt() == null ? "Never" : Formats.time(key.expiresAt());
    }
}
