package io.tollgate.admin.projects;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.tollgate.admin.common.Badges;
import io.tollgate.admin.common.Confirm;
import io.tollgate.admin.common.FieldErrors;
import io.tollgate.admin.common.Formats;
import io.tollgate.admin.common.Notices;
import io.tollgate.admin.login.Area;
import io.tollgate.admin.login.ChangeGuard;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.projects.boundary.ProjectsFacade;
import io.tollgate.persistence.Page;
import io.tollgate.gateway.projects.boundary.ApiKeyView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A project's service accounts and their API keys: create one (its key shown once), revoke a key. */
final class ProjectKeys extends VerticalLayout {

    private final ProjectsFacade projects;
    private final String projectId;
    private final Grid<ApiKeyView> keys = new Grid<>();
    private final TextField newAccountName = new TextField();

    ProjectKeys(ProjectsFacade projects, String projectId) {
        this.projects = projects;
        this.projectId = projectId;
        newAccountName.setPlaceholder("Service account name");
        newAccountName.addClassName("new-account-name");
        newAccountName.setMaxLength(200);
        FieldErrors errors = new FieldErrors().on("name", newAccountName);
        Button create = new Button("Create service account and key", VaadinIcon.KEY.create(), click -> {
            errors.clear();
            if (!ChangeGuard.allows(Area.KEYS)) {
                return;
            }
            try {
                var created = projects.createServiceAccount(projectId,
                        ProjectListView.checkedName(newAccountName.getValue()));
                newAccountName.clear();
                refreshKeys();
                new NewKeyDialog(created.account().name(), created.keyValue()).open();
            } catch (ApiException e) {
                errors.show(e);
            }
        });
        create.addClassName("create-key");
        HorizontalLayout row = new HorizontalLayout(newAccountName, create);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        keys.addClassName("key-grid");
        keys.setAllRowsVisible(true);
        keys.addThemeVariants(GridVariant.LUMO_COMPACT);
        keys.setEmptyStateText("No API keys yet.");
        keys.addColumn(ApiKeyView::name).setHeader("Name").setFlexGrow(1);
        keys.addColumn(ProjectCells::prefix).setHeader("Key").setAutoWidth(true);
        keys.addColumn(k -> Formats.time(k.createdAt())).setHeader("Created").setAutoWidth(true);
        keys.addColumn(ProjectCells::lastUsed).setHeader("Last used").setAutoWidth(true);
        keys.addColumn(ProjectCells::expires).setHeader("Expires").setAutoWidth(true);
        keys.addComponentColumn(k -> {
            String status = ProjectCells.keyStatus(k, Instant.now());
            return Badges.badge(status, "Active".equals(status) ? "badge success" : "badge error");
        }).setHeader("Status").setAutoWidth(true);
        keys.addComponentColumn(this::revokeButton).setAutoWidth(true).setFlexGrow(0);
        add(row, keys);
        refreshKeys();
    }

    private Component revokeButton(ApiKeyView key) {
        if (key.revokedAt() != null) {
            return new Span();
        }
        Button revoke = new Button("Revoke", click -> {
            Confirm.destructive("Revoke " + key.name() + "?",
                    "Requests with this key are refused within seconds, on every replica.", "Revoke",
                    () -> revoke(key));
        });
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        revoke.addClassName("revoke-key");
        return revoke;
    }

    private void revoke(ApiKeyView key) {
        if (!ChangeGuard.allows(Area.KEYS)) {
            return;
        }
        try {
            projects.revokeKey(projectId, key.id());
            Notices.done("Revoked " + key.name() + ".");
        } catch (ApiException e) {
            Notices.failed(e.error().message());
        }
        refreshKeys();
    }

    private void refreshKeys() {
        keys.setItems(allKeys());
    }

    private List<ApiKeyView> allKeys() {
        List<ApiKeyView> all = new ArrayList<>();
        String after = null;
        do {
            Page<ApiKeyView> page = projects.keys(projectId, after, 100);
            all.addAll(page.items());
            after = page.hasMore() && !page.items().isEmpty() ? page.items().get(page.items().size() - 1).id() : null;
        } while (after != null && all.size() < 10_000);
        return all;
    }
}
