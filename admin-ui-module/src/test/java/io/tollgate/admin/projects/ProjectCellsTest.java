package io.tollgate.admin.projects;

import io.tollgate.gateway.projects.boundary.ApiKeyView;
import io.tollgate.gateway.projects.boundary.ProjectView;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProjectCellsTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private static ApiKeyView key(Instant expiresAt, Instant revokedAt) {
        return new ApiKeyView("key_1", "proj_1", "ci", "sk-tg-abc", Instant.parse("2025-05-01T00:00:00Z"), expiresAt,
                revokedAt, null, null, null);
    }

    private static ApiKeyView key() {
        return key(null, null);
    }

    @Test
    void saysWhetherAKeyWorksNow() {
        assertEquals("Active", ProjectCells.keyStatus(key(), NOW));
        assertEquals("Expired", ProjectCells.keyStatus(key(NOW.minusSeconds(1), null), NOW));
        assertEquals("Revoked", ProjectCells.keyStatus(key(NOW.minusSeconds(1), NOW), NOW));
    }

    @Test
    void showsOnlyTheKeysVisiblePrefix() {
        assertEquals("sk-tg-abc…", ProjectCells.prefix(key()));
    }

    @Test
    void saysNeverForAKeyNotUsedAndWithoutExpiry() {
        assertEquals("Never", ProjectCells.lastUsed(key()));
        assertEquals("Never", ProjectCells.expires(key()));
        assertEquals("2025-07-01 00:00 UTC", ProjectCells.expires(key(Instant.parse("2025-07-01T00:00:00Z"), null)));
    }

    @Test
    void labelsArchivedProjects() {
        assertEquals("Active", ProjectCells.status(new ProjectView("proj_1", "Acme", "active", NOW, null)));
        assertEquals("Archived", ProjectCells.status(new ProjectView("proj_1", "Acme", "archived", NOW, NOW)));
    }

    @Test
    void checksAProjectNameAsTheApiDoes() {
        assertEquals("Acme", ProjectListView.checkedName("  Acme "));
        assertEquals("name", assertThrows(io.tollgate.gateway.platform.ApiException.class,
                () -> ProjectListView.checkedName(" ")).error().param());
        assertThrows(io.tollgate.gateway.platform.ApiException.class,
                () -> ProjectListView.checkedName("x".repeat(201)));
    }
}
