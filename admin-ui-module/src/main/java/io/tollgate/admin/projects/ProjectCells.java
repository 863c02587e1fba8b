package io.tollgate.admin.projects;

import io.tollgate.admin.common.Formats;
import io.tollgate.persistence.keys.ApiKey;
import io.tollgate.persistence.projects.Project;

import java.time.Instant;

/** The text of project and key cells, kept apart from the grids so that it can be tested without a server. */
public final class ProjectCells {

    private ProjectCells() {
    }

    public static String status(Project project) {
        return project.isActive() ? "Active" : "Archived";
    }

    /** "Revoked", "Expired" or "Active", as the key works right now. */
    public static String keyStatus(ApiKey key, Instant now) {
        if (key.revokedAt() != null) {
            return "Revoked";
        }
        if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) {
            return "Expired";
        }
        return "Active";
    }

    /** The visible start of the key, so that an admin recognises it; never the key. */
    public static String prefix(ApiKey key) {
        return key.prefix() + "…";
    }

    public static String lastUsed(ApiKey key) {
        return key.lastUsedAt() == null ? "Never" : Formats.time(key.lastUsedAt());
    }

    public static String expires(ApiKey key) {
        return key.expiresAt() == null ? "Never" : Formats.time(key.expiresAt());
    }
}
