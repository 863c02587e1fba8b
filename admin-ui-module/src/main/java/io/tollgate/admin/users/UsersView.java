package io.tollgate.admin.users;

import io.tollgate.admin.common.Confirm;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.admin.common.Badges;
import io.tollgate.admin.common.FieldErrors;
import io.tollgate.admin.common.Formats;
import io.tollgate.admin.common.Notices;
import io.tollgate.admin.layout.MainLayout;
import io.tollgate.admin.login.Area;
import io.tollgate.admin.login.ChangeGuard;
import io.tollgate.admin.projects.ProjectDirectory;
import io.tollgate.gateway.admins.boundary.AdminUsersFacade;
import io.tollgate.gateway.admins.boundary.AdminUsersFacade.UserView;
import io.tollgate.gateway.admins.boundary.PortalRoles;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.projects.boundary.ProjectsFacade;
import io.tollgate.gateway.projects.boundary.ProjectView;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Who may sign in to the portal and as what: platform admins create, re-assign, reset and delete portal users. */
@Route(value = UsersView.ROUTE, layout = MainLayout.class)
@PageTitle("Users & roles · Tollgate")
@Area.Of(Area.USERS)
public class UsersView extends VerticalLayout {

    public static final String ROUTE = "users";

    private final AdminUsersFacade users;
    private final List<ProjectView> projects;
    private final Map<String, String> projectNames;
    private final Grid<UserView> grid = new Grid<>();

    @Inject
    public UsersView(AdminUsersFacade users, ProjectsFacade projectsFacade) {
        this.users = users;
        this.projects = new ProjectDirectory(projectsFacade::page).find("", false);
        this.projectNames = projects.stream().collect(Collectors.toMap(ProjectView::id, ProjectView::name, (a, b) -> a));
        addClassName("users-view");
        setSizeFull();
        configureGrid();
        add(getToolbar(), grid);
        updateList();
    }

    private Component getToolbar() {
        Button create = new Button("New user", VaadinIcon.PLUS.create(), click -> openForm(null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClassName("new-user");
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Users & roles"), create);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return toolbar;
    }

    private void configureGrid() {
        grid.addClassName("user-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(UserView::username).setHeader("Username").setFlexGrow(1).setComparator(UserView::username);
        grid.addComponentColumn(u -> Badges.badge(u.role(), PortalRoles.PLATFORM_ADMIN.equals(u.role())
                ? "badge contrast" : "badge")).setHeader("Role").setAutoWidth(true).setComparator(UserView::role);
        grid.addColumn(u -> u.projectId() == null ? "" : projectNames.getOrDefault(u.projectId(), u.projectId()))
                .setHeader("Project").setAutoWidth(true);
        grid.addColumn(u -> Formats.time(u.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
    }

    private Component actions(UserView user) {
        Button edit = small("Edit", click -> openForm(user));
        edit.addClassName("user-edit");
        Button reset = small("Reset password", click -> openPasswordReset(user));
        reset.addClassName("user-reset-password");
        Button delete = small("Delete", click -> confirmDelete(user));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.addClassName("user-delete");
        return new HorizontalLayout(edit, reset, delete);
    }

    private static Button small(String text, com.vaadin.flow.component.ComponentEventListener<
            com.vaadin.flow.component.ClickEvent<Button>> listener) {
        Button b = new Button(text, listener);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return b;
    }

    /** The create form (user null) or the role form of an existing user. */
    private void openForm(UserView existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New user" : "Role of " + existing.username());
        dialog.addClassName("user-dialog");
        TextField username = new TextField("Username");
        username.addClassName("user-username");
        PasswordField password = new PasswordField("Password");
        password.addClassName("user-password");
        password.setHelperText("At least 12 characters");
        Select<String> role = new Select<>();
        role.setLabel("Role");
        role.setItems(PortalRoles.ALL);
        role.addClassName("user-role");
        ComboBox<ProjectView> project = new ComboBox<>("Project");
        project.setItems(projects);
        project.setItemLabelGenerator(p -> p.name() + " (" + p.id() + ")");
        project.addClassName("user-project");
        role.addValueChangeListener(e -> project.setVisible(UserDraft.needsProject(e.getValue())));
        FieldErrors errors = new FieldErrors().on("username", username).on("password", password).on("role", role)
                .on("project_id", project);
        FormLayout form = new FormLayout();
        if (existing == null) {
            form.add(username, password);
            role.setValue(PortalRoles.VIEWER);
        } else {
            role.setValue(existing.role());
            projects.stream().filter(p -> p.id().equals(existing.projectId())).findFirst().ifPresent(project::setValue);
        }
        project.setVisible(UserDraft.needsProject(role.getValue()));
        form.add(role, project);
        Button save = new Button(existing == null ? "Create" : "Save", click -> {
            errors.clear();
            if (!ChangeGuard.allows(Area.USERS)) {
                return;
            }
            UserDraft draft = new UserDraft(username.getValue(), password.getValue(), role.getValue(),
                    project.getValue() == null ? null : project.getValue().id());
            try {
                if (existing == null) {
                    users.create(draft.username(), draft.password(), draft.role(), draft.projectId());
                    Notices.done("Created " + draft.username().strip() + ".");
                } else {
                    users.assign(existing.id(), draft.role(), draft.projectId());
                    Notices.done("Saved " + existing.username() + ".");
                }
                dialog.close();
                updateList();
            } catch (ApiException e) {
                errors.show(e);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClassName("save-user");
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
    }

    private void openPasswordReset(UserView user) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New password for " + user.username());
        PasswordField password = new PasswordField("New password");
        password.addClassName("user-new-password");
        FieldErrors errors = new FieldErrors().on("password", password);
        Button save = new Button("Set password", click -> {
            errors.clear();
            if (!ChangeGuard.allows(Area.USERS)) {
                return;
            }
            try {
                users.resetPassword(user.id(), password.getValue());
                dialog.close();
                Notices.done("Password of " + user.username() + " reset.");
            } catch (ApiException e) {
                errors.show(e);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(password);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
    }

    private void confirmDelete(UserView user) {
        Confirm.destructive("Delete " + user.username() + "?",
                "They can no longer sign in. Their past changes stay in the audit log.", "Delete", () -> {
                    if (!ChangeGuard.allows(Area.USERS)) {
                        return;
                    }
                    try {
                        users.delete(user.id());
                        Notices.done("Deleted " + user.username() + ".");
                    } catch (ApiException ex) {
                        Notices.failed(ex.error().message());
                    }
                    updateList();
                });
    }

    private void updateList() {
        try {
            grid.setItems(users.users());
        } catch (ApiException e) {
            Notices.failed(e.error().message());
        }
    }

}
