package io.tollgate.admin.projects;

import io.tollgate.admin.common.Confirm;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.tollgate.admin.common.Badges;
import io.tollgate.admin.common.FieldErrors;
import io.tollgate.admin.common.Formats;
import io.tollgate.admin.common.Notices;
import io.tollgate.admin.layout.MainLayout;
import io.tollgate.admin.login.Area;
import io.tollgate.admin.login.ChangeGuard;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.projects.boundary.ProjectNames;
import io.tollgate.gateway.projects.boundary.ProjectsFacade;
import io.tollgate.gateway.projects.boundary.ProjectView;
import jakarta.inject.Inject;

/** Every project, filtered by name or id in the database and paged by offset; a new project opens its own page. */
@Route(value = ProjectListView.ROUTE, layout = MainLayout.class)
@PageTitle("Projects · Tollgate")
@Area.Of(Area.PROJECTS)
public class ProjectListView extends VerticalLayout {

    public static final String ROUTE = "projects";

    private final ProjectsFacade projects;
    private final com.vaadin.flow.data.provider.DataProvider<ProjectView, Void> lazyProjects;
    private final Grid<ProjectView> grid = new Grid<>();
    private final TextField filter = new TextField();
    private final Checkbox showArchived = new Checkbox("Show archived");

    @Inject
    public ProjectListView(ProjectsFacade projects) {
        this.projects = projects;
        // The grid asks for one page at a time (offset, limit) of the filtered list; the filter runs in PostgreSQL.
        this.lazyProjects = com.vaadin.flow.data.provider.DataProvider.fromCallbacks(
                q -> projects.search(filter.getValue(), showArchived.getValue(), q.getOffset(), q.getLimit()).stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, projects.searchCount(filter.getValue(), showArchived.getValue())));
        addClassName("project-list-view");
        setSizeFull();
        configureGrid();
        add(getToolbar(), grid);
        updateList();
    }

    private void configureGrid() {
        grid.addClassName("project-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("No projects match.");
        grid.setPageSize(50);
        grid.addComponentColumn(p -> new RouterLink(p.name(), ProjectDetailView.class, p.id())).setHeader("Name")
                .setFlexGrow(1);
        grid.addColumn(ProjectView::id).setHeader("Id").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(p -> Badges.badge(ProjectCells.status(p), p.isActive() ? "badge success" : "badge"))
                .setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(p -> Formats.time(p.createdAt())).setHeader("Created").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::archiveButton).setHeader("").setAutoWidth(true).setFlexGrow(0);
    }

    private Component getToolbar() {
        filter.setPlaceholder("Filter by name or id");
        filter.setClearButtonVisible(true);
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> updateList());
        filter.addClassName("project-filter");
        showArchived.addValueChangeListener(e -> updateList());
        Button create = new Button("New project", VaadinIcon.PLUS.create(), click -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClassName("new-project");
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Projects"), filter, showArchived, create);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        toolbar.addClassName("toolbar");
        return toolbar;
    }

    private Component archiveButton(ProjectView project) {
        if (!project.isActive()) {
            return new com.vaadin.flow.component.html.Span();
        }
        Button archive = new Button("Archive", click -> confirmArchive(project));
        archive.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        return archive;
    }

    private void confirmArchive(ProjectView project) {
        Confirm.destructive("Archive " + project.name() + "?",
                "Its API keys stop working at once. Its usage history stays.", "Archive", () -> archive(project));
    }

    private void archive(ProjectView project) {
        if (!ChangeGuard.allows(Area.PROJECTS)) {
            return;
        }
        try {
            projects.archive(project.id());
            Notices.done("Archived " + project.name() + ".");
        } catch (ApiException e) {
            Notices.failed(e.error().message());
        }
        updateList();
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New project");
        dialog.addClassName("new-project-dialog");
        TextField name = new TextField("Name");
        name.setWidthFull();
        name.setMaxLength(200);
        name.addClassName("new-project-name");
        FieldErrors errors = new FieldErrors().on("name", name);
        Button save = new Button("Create", click -> {
            errors.clear();
            if (!ChangeGuard.allows(Area.PROJECTS)) {
                return;
            }
            try {
                ProjectView project = projects.create(checkedName(name.getValue()));
                dialog.close();
                Notices.done("Created " + project.name() + ".");
                getUI().ifPresent(ui -> ui.navigate(ProjectDetailView.class, project.id()));
            } catch (ApiException e) {
                errors.show(e);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        dialog.add(name);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
        name.focus();
    }

    /** The admin API's own rule for a project name (POST /organization/projects), not a copy of it. */
    static String checkedName(String typed) {
        return ProjectNames.checked(typed);
    }

    private void updateList() {
        if (grid.getDataProvider() != lazyProjects) {
            grid.setItems(lazyProjects);
        } else {
            lazyProjects.refreshAll();
        }
    }
}
