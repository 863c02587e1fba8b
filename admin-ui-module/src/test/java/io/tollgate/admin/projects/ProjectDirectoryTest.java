package io.tollgate.admin.projects;

import io.tollgate.persistence.Page;
import io.tollgate.persistence.projects.Project;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProjectDirectoryTest {

    /** A facade stand-in paging a fixed list by id, as the keyset pages do. */
    static ProjectDirectory.Pages pagesOf(List<Project> all, List<String> cursors) {
        return (after, limit, includeArchived) -> {
            cursors.add(after);
            List<Project> visible = all.stream().filter(p -> includeArchived || p.isActive()).toList();
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
        List<Project> all = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            all.add(new Project("proj_" + i, i % 50 == 0 ? "Acme " + i : "other " + i, Instant.EPOCH));
        }
        List<String> cursors = new ArrayList<>();
        ProjectDirectory directory = new ProjectDirectory(pagesOf(all, cursors));

        List<Project> found = directory.find("ACME", false);

        assertEquals(List.of("proj_0", "proj_50", "proj_100", "proj_150", "proj_200"),
                found.stream().map(Project::id).toList());
        assertEquals(java.util.Arrays.asList(null, "proj_99", "proj_199"), cursors);
        assertEquals(List.of("proj_249"), directory.find("proj_249", false).stream().map(Project::id).toList());
    }

    @Test
    void leavesArchivedProjectsOutUnlessAsked() {
        Project archived = new Project("proj_old", "Old", Instant.EPOCH);
        archived.archive(Instant.EPOCH);
        List<Project> all = List.of(new Project("proj_new", "New", Instant.EPOCH), archived);
        ProjectDirectory directory = new ProjectDirectory(pagesOf(all, new ArrayList<>()));

        assertEquals(1, directory.find("", false).size());
        assertEquals(2, directory.find(null, true).size());
    }
}
