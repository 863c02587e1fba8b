package io.tollgate.admin.projects;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import io.tollgate.admin.common.FieldErrors;
import io.tollgate.admin.common.Formats;
import io.tollgate.admin.common.Notices;
import io.tollgate.admin.login.Area;
import io.tollgate.admin.login.ChangeGuard;
import io.tollgate.gateway.limits.boundary.LimitsFacade;
import io.tollgate.gateway.limits.boundary.LimitsFacade.RateLimit;
import io.tollgate.gateway.limits.boundary.RateLimitBody;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.binding.AdminBodies;

/** A project's rate limits per model (requests and tokens per minute, requests per day), each edited in a dialog. */
final class ModelRateLimits extends VerticalLayout {

    private final LimitsFacade limits;
    private final String projectId;
    private final Grid<RateLimit> rateLimits = new Grid<>();

    ModelRateLimits(LimitsFacade limits, String projectId) {
        this.limits = limits;
        this.projectId = projectId;
        rateLimits.addClassName("rate-limit-grid");
        rateLimits.setAllRowsVisible(true);
        rateLimits.addThemeVariants(GridVariant.LUMO_COMPACT);
        rateLimits.setEmptyStateText("No models served yet.");
        rateLimits.addColumn(RateLimit::model).setHeader("Model").setFlexGrow(1);
        rateLimits.addColumn(r -> Formats.limit(r.maxRequestsPerMinute())).setHeader("Requests / min");
        rateLimits.addColumn(r -> Formats.limit(r.maxTokensPerMinute())).setHeader("Tokens / min");
        rateLimits.addColumn(r -> Formats.limit(r.maxRequestsPerDay())).setHeader("Requests / day");
        rateLimits.addComponentColumn(r -> {
            Button edit = new Button("Edit", click -> editRateLimit(r));
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return edit;
        }).setAutoWidth(true).setFlexGrow(0);
        add(rateLimits);
        setPadding(false);
        refreshRateLimits();
    }

    /** For a role that may not change them: the limits without the means to edit. */
    void readOnly() {
        rateLimits.getColumns().get(rateLimits.getColumns().size() - 1).setVisible(false);
    }

    private void refreshRateLimits() {
        rateLimits.setItems(limits.rateLimits(projectId));
    }

    private void editRateLimit(RateLimit current) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Rate limits for " + current.model());
        IntegerField rpm = ProjectDetailView.limitField("Requests per minute");
        rpm.setValue(current.maxRequestsPerMinute());
        IntegerField tpm = ProjectDetailView.limitField("Tokens per minute");
        tpm.setValue(current.maxTokensPerMinute());
        IntegerField rpd = ProjectDetailView.limitField("Requests per day");
        rpd.setValue(current.maxRequestsPerDay());
        FieldErrors errors = new FieldErrors().on("max_requests_per_1_minute", rpm)
                .on("max_tokens_per_1_minute", tpm).on("max_requests_per_1_day", rpd);
        Button save = new Button("Save", click -> {
            errors.clear();
            if (!ChangeGuard.allows(Area.PROJECTS)) {
                return;
            }
            try {
                // Checked as the API checks its rate-limit body.
                RateLimitBody wanted = new RateLimitBody(
                        LimitInput.whole(rpm.getValue(), "max_requests_per_1_minute"),
                        LimitInput.whole(tpm.getValue(), "max_tokens_per_1_minute"),
                        LimitInput.whole(rpd.getValue(), "max_requests_per_1_day"));
                AdminBodies.validate(wanted);
                limits.updateRateLimit(projectId, current.id(), wanted::applyTo);
                dialog.close();
                refreshRateLimits();
                Notices.done("Rate limits for " + current.model() + " saved.");
            } catch (ApiException e) {
                errors.show(e);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(rpm, tpm, rpd));
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
    }
}
