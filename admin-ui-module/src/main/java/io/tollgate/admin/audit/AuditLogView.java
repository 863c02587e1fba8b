package io.tollgate.admin.audit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.ConfigurableFilterDataProvider;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.admin.common.Formats;
import io.tollgate.admin.layout.MainLayout;
import io.tollgate.admin.login.Area;
import io.tollgate.gateway.audit.boundary.AuditLogFacade;
import io.tollgate.gateway.audit.boundary.AuditEntryView;
import jakarta.inject.Inject;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Every admin change, newest first: when, who, what kind of thing, which one, and the change itself. The grid asks
 * the facade for one page at a time (offset and limit) and for the count, so the log may grow without bound.
 */
@Route(value = AuditLogView.ROUTE, layout = MainLayout.class)
@PageTitle("Audit log · Tollgate")
@Area.Of(Area.AUDIT)
public class AuditLogView extends VerticalLayout {

    public static final String ROUTE = "audit";

    private final AuditLogFacade audit;
    private final Grid<AuditEntryView> grid = new Grid<>();
    private final TextField actor = new TextField();
    private final Select<String> targetType = new Select<>();
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final ConfigurableFilterDataProvider<AuditEntryView, Void, AuditLogFacade.Query> entries;

    @Inject
    public AuditLogView(AuditLogFacade audit) {
        this.audit = audit;
        addClassName("audit-log-view");
        setSizeFull();
        entries = new CallbackDataProvider<AuditEntryView, AuditLogFacade.Query>(
                q -> audit.entries(q.getFilter().orElse(any()), q.getOffset(), q.getLimit()).stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, audit.count(q.getFilter().orElse(any()))))
                .withConfigurableFilter();
        configureGrid();
        add(getToolbar(), grid);
        refresh();
    }

    private static AuditLogFacade.Query any() {
        return new AuditLogFacade.Query(null, null, null, null);
    }

    private void configureGrid() {
        grid.addClassName("audit-grid");
        grid.setSizeFull();
        grid.setPageSize(50);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setEmptyStateText("No changes match.");
        grid.addColumn(e -> Formats.time(e.effectiveAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditLogView::actorOf).setHeader("Who").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntryView::type).setHeader("Event").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> AuditChange.describe(e.details())).setHeader("Change (before → after)").setFlexGrow(1)
                .setTooltipGenerator(e -> AuditChange.describe(e.details()));
        grid.addColumn(e -> e.resourceId() == null ? "" : e.resourceId()).setHeader("Target").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.projectId() == null ? "" : e.projectId()).setHeader("Project").setAutoWidth(true)
                .setFlexGrow(0);
        grid.setItems(entries);
    }

    static String actorOf(AuditEntryView e) {
        return "api_key".equals(e.actorType()) ? "admin key " + e.actorId()
                : e.actorName() != null ? e.actorName() : e.actorId();
    }

    private Component getToolbar() {
        actor.setLabel("Actor");
        actor.setPlaceholder("Username or key id");
        actor.setClearButtonVisible(true);
        actor.setPrefixComponent(VaadinIcon.USER.create());
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        actor.addClassName("audit-actor");
        actor.addValueChangeListener(e -> refresh());
        targetType.setLabel("Target type");
        targetType.setEmptySelectionAllowed(true);
        targetType.setEmptySelectionCaption("Any");
        targetType.setItems(audit.targetTypes());
        targetType.addClassName("audit-target-type");
        targetType.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Audit log"), actor, targetType, from, to);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return toolbar;
    }

    private void refresh() {
        entries.setFilter(new AuditLogFacade.Query(actor.getValue(), targetType.getValue(), utc(from.getValue()),
                utc(to.getValue())));
    }

    private static java.time.Instant utc(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
