package io.tollgate.admin.backends;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.tollgate.admin.backends.BackendDraft.ModelLine;
import io.tollgate.admin.common.FieldErrors;

import java.util.ArrayList;
import java.util.List;

/** The models a backend serves, one row each: public name, upstream name, routing weight and quality. */
class ModelRowsEditor extends VerticalLayout implements HasValidation {

    private final List<Row> rows = new ArrayList<>();
    private final VerticalLayout lines = new VerticalLayout();
    private final Span error = new Span();
    private String errorMessage;

    private static final class Row {
        final TextField model = new TextField("Model");
        final TextField upstream = new TextField("Upstream model");
        final IntegerField weight = new IntegerField("Weight");
        final IntegerField quality = new IntegerField("Quality");
        final HorizontalLayout layout;

        Row(ModelLine line, Runnable remove) {
            model.setValue(line.model() == null ? "" : line.model());
            model.setPlaceholder("public name");
            model.addClassName("model-name");
            upstream.setValue(line.upstreamModel() == null || line.upstreamModel().equals(line.model()) ? ""
                    : line.upstreamModel());
            upstream.setPlaceholder("same as model");
            weight.setValue(line.weight());
            weight.setMin(0);
            weight.setStepButtonsVisible(true);
            weight.setWidth("8em");
            weight.addClassName("model-weight");
            quality.setValue(line.quality());
            quality.setMin(0);
            quality.setMax(100);
            quality.setWidth("7em");
            Button delete = new Button(VaadinIcon.TRASH.create(), click -> remove.run());
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            delete.setAriaLabel("Remove model");
            layout = new HorizontalLayout(model, upstream, weight, quality, delete);
            layout.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            layout.setPadding(false);
        }

        ModelLine value() {
            return new ModelLine(model.getValue(), upstream.getValue(), weight.getValue(), quality.getValue());
        }
    }

    ModelRowsEditor() {
        addClassName("model-rows");
        setPadding(false);
        lines.setPadding(false);
        lines.setSpacing(false);
        error.getStyle().set("color", "var(--lumo-error-text-color)").set("font-size", "var(--lumo-font-size-s)");
        error.setVisible(false);
        Button add = new Button("Add model", VaadinIcon.PLUS.create(), click -> addRow(new ModelLine("", "", 1, 0)));
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(lines, error, add);
    }

    void setValue(List<ModelLine> models) {
        rows.clear();
        lines.removeAll();
        models.forEach(this::addRow);
    }

    List<ModelLine> getValue() {
        return rows.stream().map(Row::value).toList();
    }

    private void addRow(ModelLine line) {
        Row[] self = new Row[1];
        self[0] = new Row(line, () -> {
            rows.remove(self[0]);
            lines.remove(self[0].layout);
        });
        rows.add(self[0]);
        lines.add(self[0].layout);
    }

    /** Names each row's fields as the API does ({@code models[2].weight}), so its errors land on them. */
    void register(FieldErrors errors) {
        errors.on("models", this);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String at = "models[" + i + "]";
            errors.on(at + ".model", r.model).on(at + ".upstream_model", r.upstream).on(at + ".weight", r.weight)
                    .on(at + ".quality", r.quality).on(at, r.model);
        }
    }

    @Override
    public void setErrorMessage(String errorMessage) {
        this.errorMessage = errorMessage;
        error.setText(errorMessage == null ? "" : errorMessage);
    }

    @Override
    public String getErrorMessage() {
        return errorMessage;
    }

    @Override
    public void setInvalid(boolean invalid) {
        error.setVisible(invalid);
    }

    @Override
    public boolean isInvalid() {
        return error.isVisible();
    }
}
