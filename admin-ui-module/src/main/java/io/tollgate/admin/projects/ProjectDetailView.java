package io.tollgate.admin.projects;

import io.tollgate.persistence.projects.ProjectSettings;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationException;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.tollgate.admin.common.Badges;
import io.tollgate.admin.common.FieldErrors;
import io.tollgate.admin.common.Formats;
import io.tollgate.admin.common.Notices;
import io.tollgate.admin.layout.MainLayout;
import io.tollgate.admin.login.Area;
import io.tollgate.admin.login.ChangeGuard;
import io.tollgate.gateway.limits.boundary.LimitsFacade;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.projects.boundary.ProjectsFacade;
import io.tollgate.gateway.projects.boundary.ProjectView;
import io.tollgate.admin.usage.UsageRange;
import io.tollgate.admin.usage.UsageSeries;
import io.tollgate.admin.usage.UsageView;
import io.tollgate.gateway.ledger.boundary.UsageFacade;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** One project: its limits, spend limit, per-model rate limits, and its service accounts with their API keys. */
@Route(value = ProjectDetailView.ROUTE, layout = MainLayout.class)
@Area.Of(Area.PROJECTS)
@Area.ProjectScoped
public class ProjectDetailView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    public static final String ROUTE = "project";

    private final ProjectsFacade projects;
    private final LimitsFacade limits;
    private ProjectView project;

    private final IntegerField requestsPerMinute = limitField("Requests per minute");
    private final IntegerField tokensPerMinute = limitField("Tokens per minute");
    private final NumberField monthlyTokenQuota = new NumberField("Monthly token quota");
    private final IntegerField maxConcurrent = limitField("Concurrent requests");
    private final Select<String> onDatabaseOutage = new Select<>();
    private final Select<String> defaultPriority = new Select<>();
    private final FieldErrors settingsErrors = new FieldErrors();
    private final Binder<LimitsForm> settingsBinder = new Binder<>(LimitsForm.class);
    private final BigDecimalField spendLimit = new BigDecimalField("Monthly spend limit (USD)");
    private final Span spendStatus = new Span();
    private final FieldErrors spendErrors = new FieldErrors().on("threshold_amount", spendLimit);
    private ModelRateLimits rateLimits;

    private final UsageFacade rollups;
    /** The buttons that change the project itself, hidden from a role that may not (and refused if used anyway). */
    private final List<Component> configureControls = new ArrayList<>();

    @Inject
    public ProjectDetailView(ProjectsFacade projects, LimitsFacade limits, UsageFacade rollups) {
        this.projects = projects;
        this.limits = limits;
        this.rollups = rollups;
        addClassName("project-detail-view");
    }

    @Override
    public void setParameter(BeforeEvent event, String projectId) {
        removeAll();
        configureControls.clear();
        try {
            project = projects.find(projectId);
        } catch (ApiException e) {
            add(new H2("No such project"), new Paragraph(e.error().message()),
                    new RouterLink("All projects", ProjectListView.class));
            return;
        }
        boolean configurable = ChangeGuard.mayChange(Area.PROJECTS);
        add(header(), new H3("Usage and spend"), usageSection(), new H3(configurable ? "Limits" : "Limits (read-only)"),
                settingsForm(), new H3("Spend limit"), spendForm(), new H3("Rate limits per model"),
                rateLimits = new ModelRateLimits(limits, project.id()),
                new H3("Service accounts and API keys"), new ProjectKeys(projects, project.id()));
        if (!configurable) {
            showReadOnly();
        }
        showSettings(limits.settings(project.id()));
        showSpendLimit();
    }

    @Override
    public String getPageTitle() {
        return (project == null ? "Project" : project.name()) + " · Tollgate";
    }

    private Component header() {
        H2 title = new H2(project.name());
        title.addClassName("project-name");
        Span id = new Span(project.id());
        id.addClassName("project-id");
        Span status = Badges.badge(ProjectCells.status(project), project.isActive() ? "badge success" : "badge");
        HorizontalLayout header = new HorizontalLayout(new RouterLink("Projects", ProjectListView.class),
                new Span("›"), title, id, status);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return header;
    }

    // ---- usage and spend

    /** The project's requests, tokens and cost over the last 24 hours and 7 days, from the ledger's rollups. */
    private Component usageSection() {
        HorizontalLayout row = new HorizontalLayout();
        row.addClassName("project-usage");
        Instant now = Instant.now();
        for (UsageRange range : UsageRange.values()) {
            try {
                UsageSeries s = UsageSeries.of(rollups.rows(range.query(project.id(), now)), range.start(now),
                        range.bucket(), range.buckets());
                Span figure = new Span(range.label() + ": " + Formats.count(s.requests()) + " requests · "
                        + Formats.count(s.tokens()) + " tokens · " + Formats.nanoUsd(s.costNanoUsd()));
                figure.addClassName("project-usage-" + range.name().toLowerCase(java.util.Locale.ROOT));
                row.add(figure);
            } catch (RuntimeException e) {
                row.add(new Span(range.label() + ": usage could not be read now"));
            }
        }
        row.add(new RouterLink("Charts", UsageView.class));
        return row;
    }

    /** A role that may not configure the project sees its limits without the means to change them. */
    private void showReadOnly() {
        List.of(requestsPerMinute, tokensPerMinute, maxConcurrent).forEach(f -> f.setReadOnly(true));
        monthlyTokenQuota.setReadOnly(true);
        onDatabaseOutage.setReadOnly(true);
        defaultPriority.setReadOnly(true);
        spendLimit.setReadOnly(true);
        configureControls.forEach(c -> c.setVisible(false));
        rateLimits.readOnly();
    }

    // ---- limits

    private Component settingsForm() {
        monthlyTokenQuota.setMin(0);
        monthlyTokenQuota.setStep(1);
        monthlyTokenQuota.setPlaceholder("No limit");
        onDatabaseOutage.setLabel("While the database is away");
        onDatabaseOutage.setItems("fail_open", "fail_closed");
        onDatabaseOutage.setItemLabelGenerator(v -> "fail_open".equals(v) ? "Serve within a small local allowance"
                : "Refuse requests");
        defaultPriority.setLabel("Default routing priority");
        defaultPriority.setItems(new TreeSet<>(LimitsFacade.PRIORITIES));
        settingsBinder.forField(requestsPerMinute).withValidator(LimitInput.rule("max_requests_per_1_minute", false))
                .bind("requestsPerMinute");
        settingsBinder.forField(tokensPerMinute).withValidator(LimitInput.rule("max_tokens_per_1_minute", false))
                .bind("tokensPerMinute");
        settingsBinder.forField(monthlyTokenQuota).withValidator(LimitInput.rule("monthly_token_quota", true))
                .bind("monthlyTokenQuota");
        settingsBinder.forField(maxConcurrent).withValidator(LimitInput.rule("max_concurrent_requests", false))
                .bind("maxConcurrent");
        settingsBinder.forField(onDatabaseOutage).asRequired("Choose what happens while the database is away.")
                .bind("onDatabaseOutage");
        settingsBinder.forField(defaultPriority).asRequired("Choose a routing priority.").bind("defaultPriority");
        settingsErrors.on("max_requests_per_1_minute", requestsPerMinute)
                .on("max_tokens_per_1_minute", tokensPerMinute).on("monthly_token_quota", monthlyTokenQuota)
                .on("max_concurrent_requests", maxConcurrent).on("on_database_outage", onDatabaseOutage)
                .on("default_priority", defaultPriority);
        FormLayout form = new FormLayout(requestsPerMinute, tokensPerMinute, monthlyTokenQuota, maxConcurrent,
                onDatabaseOutage, defaultPriority);
        form.addClassName("project-settings");
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        Button save = new Button("Save limits", click -> saveSettings());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClassName("save-settings");
        configureControls.add(save);
        return new VerticalLayout(form, save);
    }

    static IntegerField limitField(String label) {
        IntegerField field = new IntegerField(label);
        field.setMin(0);
        field.setPlaceholder("No limit");
        return field;
    }

    private void showSettings(ProjectSettings s) {
        settingsBinder.readBean(LimitsForm.of(s));
    }

    private void saveSettings() {
        settingsErrors.clear();
        if (!ChangeGuard.allows(Area.PROJECTS)) {
            return;
        }
        try {
            ProjectSettings wanted = settingsBinder.writeRecord().settings();
            showSettings(limits.configure(project.id(), current -> wanted));
            Notices.done("Limits saved.");
        } catch (ValidationException invalid) {
            // The Binder shows each field's message under it already.
        } catch (ApiException e) {
            settingsErrors.show(e);
        }
    }

    // ---- spend limit

    private Component spendForm() {
        spendLimit.setPrefixComponent(new Span("$"));
        spendLimit.setPlaceholder("No limit");
        spendLimit.addClassName("spend-limit");
        spendStatus.addClassName("spend-status");
        Button save = new Button("Set spend limit", click -> saveSpendLimit());
        Button remove = new Button("Remove", click -> removeSpendLimit());
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        configureControls.add(save);
        configureControls.add(remove);
        HorizontalLayout row = new HorizontalLayout(spendLimit, save, remove, spendStatus);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return row;
    }

    private void showSpendLimit() {
        var limit = limits.spendLimit(project.id());
        spendLimit.setValue(limit.map(l -> LimitInput.usd(l.thresholdCents())).orElse(null));
        spendStatus.setText(limit.map(l -> Formats.cents(l.thresholdCents()) + " a month · "
                + (l.enforcing() ? "reached: refusing requests" : "not reached")).orElse("No spend limit"));
    }

    private void saveSpendLimit() {
        spendErrors.clear();
        if (!ChangeGuard.allows(Area.PROJECTS)) {
            return;
        }
        try {
            limits.limitSpend(project.id(), LimitInput.spendCents(spendLimit.getValue()));
            showSpendLimit();
            Notices.done("Spend limit set.");
        } catch (ApiException e) {
            spendErrors.show(e);
        }
    }

    private void removeSpendLimit() {
        if (!ChangeGuard.allows(Area.PROJECTS)) {
            return;
        }
        try {
            limits.removeSpendLimit(project.id());
            showSpendLimit();
            Notices.done("Spend limit removed.");
        } catch (ApiException e) {
            Notices.failed(e.error().message());
        }
    }
}
