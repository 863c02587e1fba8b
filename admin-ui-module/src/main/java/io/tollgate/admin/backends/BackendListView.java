package io.tollgate.admin.backends;

import io.tollgate.admin.common.Confirm;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.tollgate.admin.common.Badges;
import io.tollgate.admin.common.Notices;
import io.tollgate.admin.layout.MainLayout;
import io.tollgate.admin.login.Area;
import io.tollgate.admin.login.ChangeGuard;
import io.tollgate.gateway.backends.boundary.BackendView;
import io.tollgate.gateway.backends.boundary.BackendsFacade;
import io.tollgate.gateway.backends.boundary.GpuTypesFacade;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.routing.boundary.ModelRoutesFacade;
import io.tollgate.gateway.routing.boundary.BackendChecksFacade;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The portal's home: every backend with the models it serves and its live state; adding, editing, enabling,
 * draining and deleting backends. {@code ?edit=<backend id>} opens a backend's form (the models page links there).
 */
@Route(value = "", layout = MainLayout.class)
@RouteAlias(value = BackendListView.ROUTE, layout = MainLayout.class)
@PageTitle("Backends · Tollgate")
@Area.Of(Area.BACKENDS)
public class BackendListView extends VerticalLayout implements BeforeEnterObserver {

    public static final String ROUTE = "backends";

    private final BackendsFacade backends;
    private final GpuTypesFacade gpuTypes;
    private final ModelRoutesFacade routes;
    private final Grid<BackendView> grid = new Grid<>();
    private final BackendChecksFacade checks;
    private Map<String, BackendHealth> health = Map.of();
    /** The last "test connection" result per backend id, shown in its row. */
    private final Map<String, ConnectionTest> tested = new java.util.HashMap<>();

    @Inject
    public BackendListView(BackendsFacade backends, GpuTypesFacade gpuTypes, ModelRoutesFacade routes,
                           BackendChecksFacade checks) {
        this.backends = backends;
        this.checks = checks;
        this.gpuTypes = gpuTypes;
        this.routes = routes;
        addClassName("backend-list-view");
        setSizeFull();
        configureGrid();
        add(getToolbar(), grid);
        updateList();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("edit")
                .flatMap(backends::find).ifPresent(this::openForm);
    }

    private void configureGrid() {
        grid.addClassName("backend-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText("No backends yet.");
        grid.addColumn(BackendView::name).setHeader("Name").setSortable(true).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(BackendListView::kindBadge).setHeader("Kind")
                .setComparator(BackendView::kind).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(BackendListView::enabledBadge).setHeader("Enabled")
                .setComparator(BackendView::enabled).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::healthBadge).setHeader("Health").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::connectionTest).setHeader("Connection test").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(BackendCells::address).setHeader("Base URL")
                .setTooltipGenerator(BackendCells::address).setWidth("12em").setFlexGrow(1);
        grid.addComponentColumn(BackendListView::modelLines).setHeader("Models")
                .setWidth("16em").setFlexGrow(2);
        grid.addColumn(BackendCells::tier).setHeader("Tier").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(BackendCells::price).setHeader("Price / 1M")
                .setTooltipGenerator(b -> b.gpu() == null ? "Per-token price" : "Effective price of "
                        + BackendCells.gpus(b)).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(BackendCells::credential).setHeader("Credential").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(BackendCells::createdDate).setHeader("Created").setTooltipGenerator(BackendCells::created)
                .setComparator(Comparator.comparing(BackendView::createdAt,
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true).setFlexGrow(0);
    }

    private Component getToolbar() {
        Button add = new Button("Add backend", VaadinIcon.PLUS.create(), click -> openForm(null));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClassName("add-backend");
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), click -> updateList());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        H2 title = new H2("Backends");
        HorizontalLayout toolbar = new HorizontalLayout(title, add, refresh);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        toolbar.addClassName("toolbar");
        return toolbar;
    }

    private void updateList() {
        health = BackendHealth.byBackend(routes.list());
        // Newest first: the backend just added is at the top, where one looks for it.
        grid.setItems(backends.list().stream()
                .sorted(java.util.Comparator.comparing(io.tollgate.gateway.backends.boundary.BackendView::createdAt)
                        .reversed())
                .toList());
    }

    // ---- actions: every one is checked on the server before it reaches the facade

    private Component actions(BackendView backend) {
        Button edit = small("Edit", () -> openForm(backend));
        Button enable = small(backend.enabled() ? "Disable" : "Enable",
                () -> change(() -> backends.modify(backend.id(), BackendDraft.enabled(!backend.enabled())), backend.name() + (backend.enabled() ? " disabled." : " enabled.")));
        Button drain = small(backend.draining() ? "Resume" : "Drain",
                () -> change(() -> backends.drain(backend.id(), !backend.draining()),
                        backend.name() + (backend.draining() ? " takes traffic again." : " is draining.")));
        Button delete = small("Delete", () -> confirmDelete(backend));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        Button test = small("Test", () -> testConnection(backend));
        HorizontalLayout actions = new HorizontalLayout(edit, test, enable, drain, delete);
        actions.setSpacing(false);
        return actions;
    }

    private static Button small(String text, Runnable action) {
        Button button = new Button(text, click -> action.run());
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        button.addClassName("backend-" + text.toLowerCase(java.util.Locale.ROOT));
        return button;
    }

    private void change(Supplier<BackendView> change, String done) {
        if (!ChangeGuard.allows(Area.BACKENDS)) {
            return;
        }
        try {
            change.get();
            Notices.done(done);
        } catch (ApiException e) {
            Notices.failed(e.error().message());
        }
        updateList();
    }

    /** Probes the backend now (as the health checks do, up to 5 s) and shows the answer in its row. */
    private void testConnection(BackendView backend) {
        if (!ChangeGuard.allows(Area.BACKENDS)) {
            return;
        }
        try {
            tested.put(backend.id(), ConnectionTest.of(checks.testConnection(backend.id())));
        } catch (ApiException e) {
            tested.put(backend.id(), new ConnectionTest(false, e.error().message()));
        }
        grid.getDataProvider().refreshItem(backend);
    }

    private Component connectionTest(BackendView backend) {
        ConnectionTest t = tested.get(backend.id());
        if (t == null) {
            return new Div();
        }
        Span result = Badges.badge(t.summary(), t.ok() ? "badge success" : "badge error");
        result.addClassName("connection-test");
        return result;
    }

    private void confirmDelete(BackendView backend) {
        Confirm.destructive("Delete " + backend.name() + "?",
                "Routing stops sending it requests at once; its usage history stays. This cannot be undone.",
                "Delete", () -> {
                    if (!ChangeGuard.allows(Area.BACKENDS)) {
                        return;
                    }
                    try {
                        backends.delete(backend.id());
                        Notices.done("Deleted " + backend.name() + ".");
                    } catch (ApiException ex) {
                        Notices.failed(ex.error().message());
                    }
                    updateList();
                });
    }

    private void openForm(BackendView existing) {
        List<String> types = gpuTypes.list().stream().map(GpuTypesFacade.GpuTypeView::name).toList();
        new BackendDialog(existing, types, draft -> {
            if (!ChangeGuard.allows(Area.BACKENDS)) {
                throw new RefusedChange();
            }
            return existing == null ? backends.create(draft.spec(true)) : backends.modify(existing.id(),
                    draft.spec(false));
        }, stored -> {
            Notices.done((existing == null ? "Created " : "Saved ") + stored.name() + ".");
            updateList();
        }).open();
    }

    /** A save the guard refused: the dialog stays open, the notification has said why. */
    static final class RefusedChange extends ApiException {
        RefusedChange() {
            super(new io.tollgate.gateway.platform.ApiError(403, "Not allowed.", "permission_error", "_refused", null));
        }
    }

    // ---- cells

    private Component healthBadge(BackendView backend) {
        BackendHealth state = health.get(backend.id());
        if (state == null) {
            return Badges.badge(BackendHealth.unrouted(backend.enabled()), "badge contrast");
        }
        return Badges.badge(state.describe(), state.theme());
    }

    private static Component kindBadge(BackendView backend) {
        return Badges.badge(BackendCells.kind(backend), backend.isSimulator() ? "badge contrast primary"
                : "badge contrast");
    }

    /** One line per model, so a backend serving several stays readable in a narrow column. */
    private static Component modelLines(BackendView backend) {
        Div lines = new Div();
        BackendCells.modelLines(backend).forEach(line -> lines.add(new Div(line)));
        return lines;
    }

    private static Component enabledBadge(BackendView backend) {
        return Badges.badge(BackendCells.enabled(backend), backend.enabled() ? "badge success" : "badge error");
    }
}
