package io.tollgate.admin.backends;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.tollgate.admin.layout.MainLayout;
import io.tollgate.gateway.backends.boundary.BackendView;
import io.tollgate.gateway.backends.boundary.BackendsFacade;
import jakarta.inject.Inject;

import java.util.Comparator;

/** The portal's home: every backend with the models it serves. Read-only in this first cut. */
@Route(value = "", layout = MainLayout.class)
@RouteAlias(value = "backends", layout = MainLayout.class)
@PageTitle("Backends · Tollgate")
public class BackendListView extends VerticalLayout {

    private final BackendsFacade backends;
    private final Grid<BackendView> grid = new Grid<>();

    @Inject
    public BackendListView(BackendsFacade backends) {
        this.backends = backends;
        addClassName("backend-list-view");
        setSizeFull();
        configureGrid();
        add(getToolbar(), grid);
        updateList();
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
        grid.addColumn(BackendCells::address).setHeader("Base URL")
                .setTooltipGenerator(BackendCells::address).setWidth("12em").setFlexGrow(1);
        grid.addComponentColumn(BackendListView::modelLines).setHeader("Models")
                .setWidth("16em").setFlexGrow(2);
        grid.addColumn(BackendCells::credential).setHeader("Credential").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(BackendCells::createdDate).setHeader("Created").setTooltipGenerator(BackendCells::created)
                .setComparator(Comparator.comparing(BackendView::createdAt,
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .setAutoWidth(true).setFlexGrow(0);
    }

    private Component getToolbar() {
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), click -> updateList());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        H2 title = new H2("Backends");
        HorizontalLayout toolbar = new HorizontalLayout(title, refresh);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        toolbar.addClassName("toolbar");
        return toolbar;
    }

    private void updateList() {
        grid.setItems(backends.list());
    }

    private static Component kindBadge(BackendView backend) {
        return badge(BackendCells.kind(backend), backend.isSimulator() ? "badge contrast primary" : "badge contrast");
    }

    /** One line per model, so a backend serving several stays readable in a narrow column. */
    private static Component modelLines(BackendView backend) {
        Div lines = new Div();
        BackendCells.modelLines(backend).forEach(line -> lines.add(new Div(line)));
        return lines;
    }

    private static Component enabledBadge(BackendView backend) {
        return badge(BackendCells.enabled(backend), backend.enabled() ? "badge success" : "badge error");
    }

    /** A Lumo badge: stock styling from the pre-built bundle, no custom CSS. */
    private static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().setAttribute("theme", theme);
        return badge;
    }
}
