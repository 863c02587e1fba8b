package io.tollgate.admin.gpu;

import io.tollgate.gateway.backends.boundary.GpuTypeBody;
import io.tollgate.gateway.platform.binding.AdminBodies;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.admin.backends.BackendCells;
import io.tollgate.admin.common.FieldErrors;
import io.tollgate.admin.common.Formats;
import io.tollgate.admin.common.Notices;
import io.tollgate.admin.layout.MainLayout;
import io.tollgate.admin.login.Area;
import io.tollgate.admin.login.ChangeGuard;
import io.tollgate.gateway.backends.boundary.BackendView;
import io.tollgate.gateway.backends.boundary.BackendsFacade;
import io.tollgate.gateway.backends.boundary.GpuTypesFacade;
import io.tollgate.gateway.backends.boundary.GpuTypesFacade.GpuTypeView;
import io.tollgate.gateway.platform.ApiException;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.List;

/** The GPU catalogue (monthly costs) and what every backend costs per 1M tokens, self-hosted beside cloud. */
@Route(value = GpuCostView.ROUTE, layout = MainLayout.class)
@PageTitle("GPU costs · Tollgate")
@Area.Of(Area.GPU)
public class GpuCostView extends VerticalLayout {

    public static final String ROUTE = "gpu-costs";

    private final GpuTypesFacade gpuTypes;
    private final BackendsFacade backends;
    private final Grid<GpuTypeView> catalogue = new Grid<>();
    private final Grid<BackendView> costs = new Grid<>();
    private List<GpuTypeView> types = List.of();

    @Inject
    public GpuCostView(GpuTypesFacade gpuTypes, BackendsFacade backends) {
        this.gpuTypes = gpuTypes;
        this.backends = backends;
        addClassName("gpu-cost-view");
        configureCatalogue();
        configureCosts();
        Button add = new Button("Add GPU type", VaadinIcon.PLUS.create(), click -> openForm(null));
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout head = new HorizontalLayout(new H2("GPU costs"), add);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(head, new Paragraph("A self-hosted backend costs its GPUs' monthly price spread over the tokens it serves: "
                + "measured over the last hour once it has served enough, else at its expected throughput. "
                + "A change re-costs backends within seconds; past requests keep their price."), catalogue,
                new H3("Cost per 1M tokens by backend"), costs);
        refresh();
    }

    private void configureCatalogue() {
        catalogue.addClassName("gpu-catalogue");
        catalogue.setAllRowsVisible(true);
        catalogue.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        catalogue.addColumn(GpuTypeView::name).setHeader("GPU").setFlexGrow(1);
        catalogue.addColumn(t -> t.memoryGb() + " GB").setHeader("Memory").setAutoWidth(true);
        catalogue.addColumn(t -> Formats.usd(t.monthlyUsd())).setHeader("Monthly cost").setAutoWidth(true);
        catalogue.addColumn(t -> Formats.time(t.updatedAt())).setHeader("Updated").setAutoWidth(true);
        catalogue.addComponentColumn(t -> {
            Button edit = new Button("Edit", click -> openForm(t));
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return edit;
        }).setAutoWidth(true).setFlexGrow(0);
    }

    private void configureCosts() {
        costs.addClassName("backend-cost-grid");
        costs.setAllRowsVisible(true);
        costs.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        costs.addColumn(BackendView::name).setHeader("Backend").setFlexGrow(1);
        costs.addColumn(BackendCells::tier).setHeader("Tier").setAutoWidth(true);
        costs.addColumn(GpuCostCells::basis).setHeader("Costed by").setAutoWidth(true);
        costs.addColumn(GpuCostCells::gpus).setHeader("GPUs").setAutoWidth(true);
        costs.addColumn(b -> GpuCostCells.monthly(b, types)).setHeader("GPUs / month").setAutoWidth(true);
        costs.addColumn(b -> b.gpu() == null ? Formats.NONE : Formats.count(b.gpu().expectedTokensPerSecond()))
                .setHeader("Expected tokens/s").setAutoWidth(true);
        costs.addColumn(b -> GpuCostCells.atExpectedThroughput(b, types)).setHeader("$ / 1M at expected")
                .setAutoWidth(true);
        costs.addColumn(BackendCells::price).setHeader("Price in force / 1M").setAutoWidth(true);
        costs.addColumn(b -> b.price() == null ? Formats.NONE : Formats.time(b.price().validFrom()))
                .setHeader("Since").setAutoWidth(true);
    }

    private void refresh() {
        types = gpuTypes.list();
        catalogue.setItems(types);
        costs.setItems(GpuCostCells.costOrder(backends.list()));
    }

    private void openForm(GpuTypeView existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New GPU type" : existing.name());
        TextField name = new TextField("Name");
        name.setVisible(existing == null);
        IntegerField memory = new IntegerField("Memory (GB)");
        memory.setMin(1);
        BigDecimalField monthly = new BigDecimalField("Monthly cost (USD)");
        monthly.setPrefixComponent(new Span("$"));
        monthly.addClassName("gpu-monthly");
        if (existing != null) {
            memory.setValue(existing.memoryGb());
            monthly.setValue(existing.monthlyUsd());
        }
        FieldErrors errors = new FieldErrors().on("name", name).on("memory_gb", memory).on("monthly_usd", monthly);
        Button save = new Button("Save", click -> {
            errors.clear();
            if (!ChangeGuard.allows(Area.GPU)) {
                return;
            }
            try {
                String typeName = existing != null ? existing.name() : GpuInput.name(name.getValue());
                GpuTypeBody body = GpuInput.body(memory.getValue(), monthly.getValue());
                gpuTypes.put(typeName, body.memoryGb(), body.monthlyToTheCent());
                dialog.close();
                Notices.done("Saved " + typeName + ".");
                refresh();
            } catch (ApiException e) {
                errors.show(e);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClassName("save-gpu");
        dialog.add(new FormLayout(name, memory, monthly));
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
    }

    /** The GPU catalogue API's own rules ({@link GpuTypeBody}), on what the form holds. */
    static final class GpuInput {

        private GpuInput() {
        }

        static String name(String typed) {
            return GpuTypeBody.checkedName(typed == null ? "" : typed.strip());
        }

        static GpuTypeBody body(Integer memoryGb, BigDecimal monthlyUsd) {
            GpuTypeBody body = new GpuTypeBody(memoryGb, monthlyUsd);
            AdminBodies.validate(body);
            return body;
        }
    }
}
