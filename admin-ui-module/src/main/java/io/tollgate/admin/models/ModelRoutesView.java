package io.tollgate.admin.models;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import io.tollgate.admin.backends.BackendListView;
import io.tollgate.admin.common.Badges;
import io.tollgate.admin.common.Formats;
import io.tollgate.admin.common.Notices;
import io.tollgate.admin.layout.MainLayout;
import io.tollgate.admin.login.Area;
import io.tollgate.admin.login.ChangeGuard;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.routing.boundary.ModelRoutesFacade;
import io.tollgate.gateway.routing.boundary.ModelRoutesFacade.DeploymentView;
import io.tollgate.gateway.routing.boundary.ModelRoutesFacade.ModelRouteView;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Every public model: its routing strategy and its deployments' live state, refreshed every few seconds. */
@Route(value = ModelRoutesView.ROUTE, layout = MainLayout.class)
@PageTitle("Models & routes · Tollgate")
@Area.Of(Area.MODELS)
public class ModelRoutesView extends VerticalLayout {

    public static final String ROUTE = "models";
    static final int REFRESH_MS = 5000;

    private final ModelRoutesFacade routes;
    private final VerticalLayout models = new VerticalLayout();
    private final Map<String, Grid<DeploymentView>> grids = new HashMap<>();
    private Registration polling;

    @Inject
    public ModelRoutesView(ModelRoutesFacade routes) {
        this.routes = routes;
        addClassName("model-routes-view");
        models.setPadding(false);
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), click -> refreshLiveState());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Models & routes"), refresh);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(toolbar, new Paragraph("Health comes from the fleet's shared checks; ejection, requests in flight and "
                + "first-byte latency are this replica's own view."), models);
        build();
    }

    /** Live state without a push connection: the browser polls while the page is open. */
    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(REFRESH_MS);
        polling = event.getUI().addPollListener(poll -> refreshLiveState());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
    }

    private void build() {
        models.removeAll();
        grids.clear();
        List<ModelRouteView> all = routes.list();
        if (all.isEmpty()) {
            models.add(new Paragraph("No backend serves a model yet."));
        }
        all.forEach(route -> models.add(modelSection(route)));
    }

    private Component modelSection(ModelRouteView route) {
        H3 name = new H3(route.model());
        Select<String> strategy = new Select<>();
        strategy.setLabel("Strategy");
        strategy.setItems(new TreeSet<>(ModelRoutesFacade.STRATEGIES));
        strategy.setItemLabelGenerator(DeploymentCells::strategy);
        strategy.setValue(route.strategy());
        strategy.setWidth("20em");
        strategy.addClassName("strategy-" + route.model());
        strategy.addValueChangeListener(e -> {
            if (!e.isFromClient() || e.getValue() == null || e.getValue().equals(e.getOldValue())) {
                return;
            }
            if (!ChangeGuard.allows(Area.MODELS)) {
                strategy.setValue(e.getOldValue());
                return;
            }
            try {
                routes.route(route.model(), e.getValue());
                Notices.done(route.model() + " now routes by " + DeploymentCells.strategy(e.getValue()) + ".");
            } catch (ApiException ex) {
                Notices.failed(ex.error().message());
                strategy.setValue(e.getOldValue());
            }
        });
        HorizontalLayout head = new HorizontalLayout(name, strategy);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        Grid<DeploymentView> grid = deploymentGrid(route.model());
        grid.setItems(route.deployments());
        grids.put(route.model(), grid);
        VerticalLayout section = new VerticalLayout(head, grid);
        section.setPadding(false);
        section.addClassName("model-route");
        return section;
    }

    private static Grid<DeploymentView> deploymentGrid(String model) {
        Grid<DeploymentView> grid = new Grid<>();
        grid.addClassName("deployment-grid");
        grid.getElement().setAttribute("data-model", model);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("No enabled backend serves " + model + ".");
        grid.addComponentColumn(d -> {
                    RouterLink link = new RouterLink(d.backendName(), BackendListView.class);
                    link.setQueryParameters(QueryParameters.of("edit", d.backendId()));
                    return link;
                })
                .setHeader("Backend").setFlexGrow(1);
        grid.addColumn(DeploymentView::upstreamModel).setHeader("Upstream model").setAutoWidth(true);
        grid.addColumn(DeploymentView::weight).setHeader("Weight").setAutoWidth(true);
        grid.addColumn(d -> DeploymentCells.share(d, gridItems(grid))).setHeader("Share").setAutoWidth(true);
        grid.addColumn(DeploymentView::quality).setHeader("Quality").setAutoWidth(true);
        grid.addColumn(DeploymentCells::tier).setHeader("Tier").setAutoWidth(true);
        grid.addComponentColumn(d -> Badges.badge(DeploymentCells.state(d), DeploymentCells.stateTheme(d)))
                .setHeader("State").setAutoWidth(true);
        grid.addColumn(d -> Formats.count(d.outstanding())).setHeader("In flight").setAutoWidth(true);
        grid.addColumn(DeploymentCells::queue).setHeader("Queue").setAutoWidth(true);
        grid.addColumn(DeploymentCells::firstByte).setHeader("First byte (EWMA)").setAutoWidth(true);
        return grid;
    }

    private static List<DeploymentView> gridItems(Grid<DeploymentView> grid) {
        return grid.getListDataView().getItems().toList();
    }

    /** New figures into the existing grids; a model that came or went rebuilds the page. */
    private void refreshLiveState() {
        List<ModelRouteView> all = routes.list();
        if (!all.stream().map(ModelRouteView::model).collect(java.util.stream.Collectors.toSet())
                .equals(grids.keySet())) {
            build();
            return;
        }
        all.forEach(route -> grids.get(route.model()).setItems(route.deployments()));
    }
}
