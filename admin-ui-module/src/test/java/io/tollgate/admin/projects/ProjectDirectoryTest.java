package io.tollgate.admin.projects;

import io.tollgate.persistence.Page;
import io.tollgate.gateway.projects.boundary.ProjectView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProjectDirectoryTest {

    /** A facade stand-in paging a fixed list by id, as the keyset pages do. */
    static ProjectDirectory.Pages pagesOf(List<ProjectView> all, List<String> cursors) {
        return (after, limit, includeArchived) -> {
            cursors.add(after);
            List<ProjectView> visible = all.stream().filter(p -> includeArchived || p.isActive()).toList();
            int from = 0;
            if (after != null) {
                for (int i = 0; i < visible.size(); i++) {
                    if (visible.get(i).id().equals(after)) {
                        from = i + 1;
                    }
                }
            }
            int to = Math.min(visible.size(), from + limit);
            return new Page<>(visible.subList(from, to), to < visible.size());
        };
    }

    @Test
    void readsEveryPageAndFiltersByNameOrIdIgnoringCase() {
        List<ProjectView> all = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            all.add(new ProjectView("proj_" + i, i % 50 == 0 ? "Acme " + i : "other " + i, "active", Instant.EPOCH,
                    null));
        }
        List<String> cursors = new ArrayList<>();
        ProjectDirectory directory = new ProjectDirectory(pagesOf(all, cursors));

        List<ProjectView> found = directory.find("ACME", false);

        assertEquals(List.of("proj_0", "proj_50", "proj_100", "proj_150", "proj_200"),
                found.stream().map(ProjectView::id).toList());
        assertEquals(java.util.Arrays.asList(null, "proj_99", "proj_199"), cursors);
        assertEquals(List.of("proj_249"), directory.find("proj_249", false).stream().map(ProjectView::id).toList());
    }

    @Test
    void leavesArchivedProjectsOutUnlessAsked() {
        ProjectView archived = new ProjectView("proj_old", "Old", "archived", Instant.EPOCH, Instant.EPOCH);
        List<ProjectView> all = List.of(new ProjectView("proj_new", "New", "active", Instant.EPOCH, null), archived);
        ProjectDirectory directory = new ProjectDirectory(pagesOf(all, new ArrayList<>()));

        assertEquals(1, directory.find("", false).size());
        assertEquals(2, directory.find(null, true).size());
    }
}
