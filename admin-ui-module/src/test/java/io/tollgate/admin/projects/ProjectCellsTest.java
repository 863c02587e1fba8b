package io.tollgate.admin.projects;

import io.tollgate.persistence.keys.ApiKey;
import io.tollgate.persistence.projects.Project;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProjectCellsTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private static ApiKey key() {
        return new ApiKey("key_1", "proj_1", "ci", new byte[32], "sk-tg-abc", Instant.parse("2025-05-01T00:00:00Z"));
    }

    @Test
    void saysWhetherAKeyWorksNow() {
        ApiKey key = key();
        assertEquals("Active", ProjectCells.keyStatus(key, NOW));

        key.restrict(NOW.minusSeconds(1), null);
        assertEquals("Expired", ProjectCells.keyStatus(key, NOW));

        key.revoke(NOW);
        assertEquals("Revoked", ProjectCells.keyStatus(key, NOW));
    }

    @Test
    void showsOnlyTheKeysVisiblePrefix() {
        assertEquals("sk-tg-abc…", ProjectCells.prefix(key()));
    }

    @Test
    void saysNeverForAKeyNotUsedAndWithoutExpiry() {
        assertEquals("Never", ProjectCells.lastUsed(key()));
        assertEquals("Never", ProjectCells.expires(key()));
        ApiKey expiring = key();
        expiring.restrict(Instant.parse("2025-07-01T00:00:00Z"), null);
        assertEquals("2025-07-01 00:00 UTC", ProjectCells.expires(expiring));
    }

    @Test
    void labelsArchivedProjects() {
        Project project = new Project("proj_1", "Acme", NOW);
        assertEquals("Active", ProjectCells.status(project));
        project.archive(NOW);
        assertEquals("Archived", ProjectCells.status(project));
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
