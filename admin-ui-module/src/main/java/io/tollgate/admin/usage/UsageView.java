package io.tollgate.admin.usage;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.admin.common.Formats;
import io.tollgate.admin.common.Notices;
import io.tollgate.admin.layout.MainLayout;
import io.tollgate.admin.login.Area;
import io.tollgate.admin.login.CurrentAdmin;
import io.tollgate.admin.projects.ProjectDirectory;
import io.tollgate.gateway.ledger.boundary.UsageFacade;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.projects.boundary.ProjectsFacade;
import io.tollgate.gateway.projects.boundary.ProjectView;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Requests, tokens and cost of one project (or all) over the last 24 hours or 7 days, from the ledger's rollups. */
@Route(value = UsageView.ROUTE, layout = MainLayout.class)
@PageTitle("Usage · Tollgate")
@Area.Of(Area.USAGE)
public class UsageView extends VerticalLayout {

    public static final String ROUTE = "usage";

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final UsageFacade rollups;
    private final Select<ProjectView> project = new Select<>();
    private final RadioButtonGroup<UsageRange> range = new RadioButtonGroup<>();
    private final HorizontalLayout totals = new HorizontalLayout();
    private final VerticalLayout charts = new VerticalLayout();

    @Inject
    public UsageView(UsageFacade rollups, ProjectsFacade projects) {
        this.rollups = rollups;
        addClassName("usage-view");
        project.setLabel("Project");
        project.setEmptySelectionAllowed(true);
        project.setEmptySelectionCaption("All projects");
        project.setItemLabelGenerator(p -> p == null ? "All projects" : p.name());
        List<ProjectView> readable = new ProjectDirectory(projects::page).find("", true);
        project.setItems(readable);
        if (CurrentAdmin.get().map(a -> a.isTenantAdmin()).orElse(false)) {
            // A tenant admin reads its own project's usage only (the facade lists no other, the ledger refuses all).
            project.setEmptySelectionAllowed(false);
            readable.stream().findFirst().ifPresent(project::setValue);
        }
        project.addClassName("usage-project");
        range.setLabel("Range");
        range.setItems(UsageRange.values());
        range.setItemLabelGenerator(UsageRange::label);
        range.setValue(UsageRange.LAST_24_HOURS);
        project.addValueChangeListener(e -> refresh());
        range.addValueChangeListener(e -> refresh());
        HorizontalLayout controls = new HorizontalLayout(new H2("Usage"), project, range);
        controls.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        totals.addClassName("usage-totals");
        charts.setPadding(false);
        add(controls, totals, charts);
        refresh();
    }

    private void refresh() {
        UsageRange r = range.getValue() == null ? UsageRange.LAST_24_HOURS : range.getValue();
        Instant now = Instant.now();
        UsageSeries series;
        try {
            var query = r.query(project.getValue() == null ? null : project.getValue().id(), now);
            series = UsageSeries.of(rollups.rows(query), r.start(now), r.bucket(), r.buckets());
        } catch (ApiException e) {
            Notices.failed(e.error().message());
            return;
        } catch (RuntimeException e) {
            Notices.failed("Usage could not be read now: " + e.getMessage());
            return;
        }
        totals.removeAll();
        totals.add(stat("Requests", Formats.count(series.requests())), stat("Tokens", Formats.count(series.tokens())),
                stat("Cost", Formats.nanoUsd(series.costNanoUsd())));
        charts.removeAll();
        DateTimeFormatter label = r == UsageRange.LAST_24_HOURS ? HOUR : DAY;
        charts.add(chart("Requests", series, label, b -> b.requests(), v -> Formats.count(Math.round(v))),
                chart("Tokens", series, label, b -> b.tokens(), v -> Formats.count(Math.round(v))),
                chart("Cost (USD)", series, label, b -> b.costNanoUsd(),
                        v -> Formats.usd(BigDecimal.valueOf(v / 1e9).setScale(4, java.math.RoundingMode.HALF_UP))));
    }

    private static Component stat(String name, String value) {
        Span label = new Span(name);
        label.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Span figure = new Span(value);
        figure.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("font-weight", "600");
        figure.addClassName("usage-" + name.toLowerCase(Locale.ROOT));
        VerticalLayout stat = new VerticalLayout(label, figure);
        stat.setSpacing(false);
        stat.setPadding(false);
        stat.setWidth("12em");
        return stat;
    }

    private static Component chart(String title, UsageSeries series, DateTimeFormatter label,
                                   java.util.function.ToLongFunction<UsageSeries.Bucket> value,
                                   java.util.function.DoubleFunction<String> unit) {
        List<BarChart.Bar> bars = series.buckets().stream().map(b -> new BarChart.Bar(label.format(b.start()),
                value.applyAsLong(b), FULL.format(b.start()) + ": " + unit.apply(value.applyAsLong(b)))).toList();
        // A <div> root: the browser's HTML parser then reads the <svg> inside as SVG (an <svg> root element would be
        // created as an HTML element and draw nothing).
        Html svg = new Html("<div class=\"usage-chart\">" + BarChart.svg(title, bars, unit) + "</div>");
        Div box = new Div(new H4(title), svg);
        box.setWidthFull();
        box.getStyle().set("max-width", "60em");
        return box;
    }
}
