package io.tollgate.admin.monitoring;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.tollgate.admin.common.Badges;
import io.tollgate.admin.common.Formats;
import io.tollgate.admin.layout.MainLayout;
import io.tollgate.admin.login.Area;
import io.tollgate.admin.usage.BarChart;
import io.tollgate.gateway.monitoring.boundary.MonitoringFacade;
import io.tollgate.gateway.monitoring.entity.Dashboard;
import io.tollgate.gateway.monitoring.entity.Dashboard.Health;
import io.tollgate.gateway.monitoring.entity.Dashboard.Stats;
import io.tollgate.gateway.monitoring.entity.Dashboard.Window;
import io.tollgate.gateway.monitoring.entity.Thresholds;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Whether the seed's alert thresholds hold, at a glance: a verdict, per model and per backend tables with breached
 * figures in red, and charts with each threshold drawn in. Refreshed by server push every {@link #REFRESH}; the
 * figures are at most {@link MonitoringFacade#STALENESS} older than that.
 */
@Route(value = MonitoringView.ROUTE, layout = MainLayout.class)
@PageTitle("Monitoring · Tollgate")
@Area.Of(Area.MONITORING)
public class MonitoringView extends VerticalLayout {

    public static final String ROUTE = "monitoring";
    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final MonitoringFacade monitoring;
    private final LiveRefresh live;
    private final RadioButtonGroup<Window> window = new RadioButtonGroup<>();
    private final Span verdict = new Span();
    private final Span readAt = new Span();
    private final Grid<Stats> models = statsGrid("model-stats", "Model");
    private final Grid<Health> backends = new Grid<>();
    private final Grid<Stats> backendTraffic = statsGrid("backend-stats", "Backend");
    private final Div charts = new Div();
    private Registration refreshing;

    @Inject
    public MonitoringView(MonitoringFacade monitoring, LiveRefresh live) {
        this.monitoring = monitoring;
        this.live = live;
        addClassName("monitoring-view");
        window.setItems(Window.values());
        window.setItemLabelGenerator(Window::label);
        window.setValue(Window.LAST_HOUR);
        window.addValueChangeListener(e -> refresh());
        verdict.addClassName("dashboard-verdict");
        readAt.addClassName("dashboard-read-at");
        readAt.getStyle().set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout header = new HorizontalLayout(new H2("Monitoring"), window, verdict, readAt);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        configureBackends();
        charts.setWidthFull();
        charts.getStyle().set("display", "grid").set("grid-template-columns", "repeat(auto-fill, minmax(28em, 1fr))")
                .set("gap", "var(--lumo-space-m)");
        add(header, new H3("Per model"), models, new H3("Per backend"), backends, backendTraffic, charts);
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refreshing = live.every(REFRESH, event.getUI(), this::refresh);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (refreshing != null) {
            refreshing.remove();
            refreshing = null;
        }
    }

    private static Grid<Stats> statsGrid(String className, String what) {
        Grid<Stats> grid = new Grid<>();
        grid.addClassName(className);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("No requests in this window.");
        grid.addColumn(Stats::label).setHeader(what).setFlexGrow(1);
        grid.addColumn(s -> Formats.count(s.requests())).setHeader("Requests");
        grid.addColumn(s -> DashboardCells.rate(s.requestsPerSecond())).setHeader("Requests/s");
        grid.addComponentColumn(s -> flagged(DashboardCells.millis(s.p50Ms()), s.p50Breached())).setHeader("P50");
        grid.addComponentColumn(s -> flagged(DashboardCells.millis(s.p99Ms()), s.p99Breached())).setHeader("P99");
        grid.addColumn(s -> DashboardCells.millis(s.ttftP50Ms())).setHeader("First token (P50)");
        grid.addComponentColumn(s -> flagged(DashboardCells.percent(s.errorRate()), s.errorRateBreached()))
                .setHeader("Errors");
        grid.addColumn(s -> DashboardCells.rate(s.tokensPerSecond())).setHeader("Tokens/s");
        return grid;
    }

    private void configureBackends() {
        backends.addClassName("backend-health");
        backends.setAllRowsVisible(true);
        backends.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        backends.addColumn(Health::name).setHeader("Backend").setFlexGrow(1);
        backends.addComponentColumn(h -> Badges.badge(DashboardCells.health(h), h.healthy() == null ? "badge"
                : h.healthy() ? "badge success" : "badge error")).setHeader("Health").setAutoWidth(true);
        backends.addComponentColumn(h -> flagged(DashboardCells.queue(h), h.queueBreached())).setHeader("Queue");
        backends.addComponentColumn(h -> flagged(DashboardCells.percent(h.gpuMemory()), h.gpuMemoryBreached()))
                .setHeader("GPU memory (KV cache)");
        backends.addColumn(h -> h.checkedAt() == null ? Formats.NONE : Formats.time(h.checkedAt()))
                .setHeader("Checked");
    }

    /** A figure, in the error colour with a marker when it breaches its threshold. */
    static Span flagged(String text, boolean breached) {
        Span s = new Span(breached ? text + " ▲" : text);
        if (breached) {
            s.addClassName("breached");
            s.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "600");
        }
        return s;
    }

    private void refresh() {
        Dashboard d;
        try {
            d = monitoring.dashboard(window.getValue() == null ? Window.LAST_HOUR : window.getValue());
        } catch (RuntimeException e) {
            verdict.setText("The dashboard could not be read now: " + e.getMessage());
            return;
        }
        boolean breach = d.anyBreach();
        verdict.setText(DashboardCells.verdict(d));
        verdict.getElement().setAttribute("theme", breach ? "badge error" : "badge success");
        verdict.getElement().setAttribute("data-breached", Boolean.toString(breach));
        readAt.setText("as of " + CLOCK.format(d.readAt()));
        models.setItems(d.models());
        backends.setItems(d.health());
        backendTraffic.setItems(d.backends());
        charts.removeAll();
        charts.add(
                chart("Requests per second", bars(d.series(), p -> (double) p.requests()
                        / d.window().bucket().toSeconds(), p -> BUCKET.format(p.start())), DashboardCells::rate, null),
                chart("P50 latency per model", bars(d.models(), Stats::p50Ms, Stats::label), v -> DashboardCells
                        .millis(v), new BarChart.Threshold(Thresholds.P50_MS, "P50 > 500 ms")),
                chart("P99 latency per model", bars(d.models(), Stats::p99Ms, Stats::label), v -> DashboardCells
                        .millis(v), new BarChart.Threshold(Thresholds.P99_MS, "P99 > 5 s")),
                chart("Error rate per model", bars(d.models(), Stats::errorRate, Stats::label),
                        v -> DashboardCells.percent(v), new BarChart.Threshold(Thresholds.ERROR_RATE, "errors > 1 %")),
                chart("Tokens per second per model", bars(d.models(), Stats::tokensPerSecond, Stats::label),
                        DashboardCells::rate, null),
                chart("Queue depth per backend", bars(d.health(), h -> h.queueDepth() == null ? null
                        : h.queueDepth().doubleValue(), Health::name), v -> Formats.count(Math.round(v)),
                        new BarChart.Threshold(Thresholds.QUEUE_DEPTH, "queue > 100")),
                chart("GPU memory per backend", bars(d.health(), Health::gpuMemory, Health::name),
                        v -> DashboardCells.percent(v), new BarChart.Threshold(Thresholds.GPU_MEMORY, "GPU memory > 90 %")),
                chart("Spend per project (USD)", bars(d.spend(), s -> s.costNanoUsd() / 1e9, Dashboard.Spend::name),
                        v -> Formats.nanoUsd(Math.round(v * 1e9)), null));
    }

    private static final DateTimeFormatter BUCKET = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private static <T> List<BarChart.Bar> bars(List<T> items, Function<T, Double> value, Function<T, String> label) {
        return items.stream().filter(Predicate.not(i -> value.apply(i) == null))
                .map(i -> new BarChart.Bar(label.apply(i), value.apply(i), label.apply(i))).toList();
    }

    private static Component chart(String title, List<BarChart.Bar> bars, java.util.function.DoubleFunction<String> unit,
                                   BarChart.Threshold threshold) {
        Html svg = new Html("<div class=\"dashboard-chart\">" + BarChart.svg(title, bars, unit, threshold) + "</div>");
        Div box = new Div(new H4(title), svg);
        box.addClassName("dashboard-chart-box");
        return box;
    }
}
