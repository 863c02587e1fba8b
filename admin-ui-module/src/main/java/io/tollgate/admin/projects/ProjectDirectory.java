package io.tollgate.admin.projects;

import io.tollgate.persistence.Page;
import io.tollgate.gateway.projects.boundary.ProjectView;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The projects the list page shows: read page by page through the facade's keyset paging (up to {@link #MAX}),
 * then filtered by name here — the facade has no name filter, and the grid pages what it is given in the browser.
 */
public final class ProjectDirectory {

    /** Reads one keyset page, as {@code ProjectsFacade.page} does. */
    @FunctionalInterface
    public interface Pages {
        Page<ProjectView> page(String after, int limit, boolean includeArchived);
    }

    static final int PAGE = 100;
    static final int MAX = 10_000;

    private final Pages pages;

    public ProjectDirectory(Pages pages) {
        this.pages = pages;
    }

    /** Projects whose name or id contains the filter (ignoring case), in creation order. */
    public List<ProjectView> find(String filter, boolean includeArchived) {
        String wanted = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        List<ProjectView> found = new ArrayList<>();
        String after = null;
        int read = 0;
        while (read < MAX) {
            Page<ProjectView> page = pages.page(after, PAGE, includeArchived);
            for (ProjectView p : page.items()) {
                if (matches(p, wanted)) {
                    found.add(p);
                }
            }
            read += page.items().size();
            if (!page.hasMore() || page.items().isEmpty()) {
                break;
            }
            after = page.items().get(page.items().size() - 1).id();
        }
        return found;
    }

    static boolean matches(ProjectView project, String lowerCaseFilter) {
        return lowerCaseFilter.isEmpty() || project.name().toLowerCase(Locale.ROOT).contains(lowerCaseFilter)
                || project.id().toLowerCase(Locale.ROOT).contains(lowerCaseFilter);
    }
}
