package io.tollgate.admin.backends;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.tollgate.admin.backends.BackendDraft.Pricing;
import com.vaadin.flow.data.binder.Binder;
import io.tollgate.admin.common.ApiRule;
import io.tollgate.admin.common.FieldErrors;
import io.tollgate.gateway.backends.boundary.BackendBody;
import io.tollgate.gateway.backends.boundary.BackendView;
import io.tollgate.gateway.platform.ApiException;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The add/edit form for a backend. It never calls the gateway itself: it hands its {@link BackendDraft} to the save
 * function it was given and shows the admin API's error on the field it names. Its Binder checks each field with the
 * API's own rule as it is typed ({@link ApiRule}); the rules that span fields are the API's answer on save.
 */
class BackendDialog extends Dialog {

    private final boolean create;
    private final boolean hasApiKey;
    private final boolean hadGpu;
    /** Loads the form and checks it; the draft itself is built from the fields on save ({@link #draft()}). */
    private final Binder<BackendDraft> binder = new Binder<>();
    private final TextField name = new TextField("Name");
    private final Select<String> kind = new Select<>();
    private final TextField baseUrl = new TextField("Base URL");
    private final PasswordField apiKey = new PasswordField("API key");
    private final Checkbox removeApiKey = new Checkbox("Remove the stored key");
    private final Select<String> tier = new Select<>();
    private final Checkbox enabled = new Checkbox("Enabled");
    private final IntegerField connectMs = millisField("Connect timeout");
    private final IntegerField firstByteMs = millisField("First byte timeout");
    private final IntegerField idleMs = millisField("Idle timeout");
    private final IntegerField totalMs = millisField("Total timeout");
    private final IntegerField timeToFirstTokenMs = millisField("Simulated time to first token");
    private final IntegerField tokensPerSecond = new IntegerField("Simulated tokens/s");
    private final ModelRowsEditor models = new ModelRowsEditor();
    private final RadioButtonGroup<Pricing> pricing = new RadioButtonGroup<>("Costed");
    private final BigDecimalField inputPrice = new BigDecimalField("Input $ / 1M tokens");
    private final BigDecimalField cachedInputPrice = new BigDecimalField("Cached input $ / 1M tokens");
    private final BigDecimalField outputPrice = new BigDecimalField("Output $ / 1M tokens");
    private final Select<String> gpuType = new Select<>();
    private final IntegerField gpuCount = new IntegerField("GPUs");
    private final IntegerField expectedTokensPerSecond = new IntegerField("Expected tokens/s");

    /**
     * @param existing the backend to edit, or null for a new one
     * @param save     creates or modifies through the facade; throws the API's error
     * @param saved    called with the stored backend once the save succeeded
     */
    BackendDialog(BackendView existing, List<String> gpuTypes, Function<BackendDraft, BackendView> save,
                  Consumer<BackendView> saved) {
        this.create = existing == null;
        this.hasApiKey = existing != null && existing.hasApiKey();
        this.hadGpu = existing != null && existing.gpu() != null;
        addClassName("backend-dialog");
        setHeaderTitle(create ? "New backend" : "Edit " + existing.name());
        setWidth("min(60em, 95vw)");
        configureFields(gpuTypes);
        show(existing == null ? BackendDraft.blank("openai") : BackendDraft.of(existing));
        FormLayout main = new FormLayout(name, kind, baseUrl, apiKey, removeApiKey, tier, enabled,
                timeToFirstTokenMs, tokensPerSecond);
        FormLayout timeouts = new FormLayout(connectMs, firstByteMs, idleMs, totalMs);
        timeouts.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2), new FormLayout.ResponsiveStep("40em", 4));
        FormLayout cost = new FormLayout(pricing, inputPrice, cachedInputPrice, outputPrice, gpuType, gpuCount,
                expectedTokensPerSecond);
        cost.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        cost.setColspan(pricing, 3);
        add(main, new H4("Models"), models, new H4("Cost"), cost, new H4("Timeouts (ms)"), timeouts);
        Button saveButton = new Button(create ? "Create" : "Save", click -> save(save, saved));
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveButton.addClassName("save-backend");
        getFooter().add(new Button("Cancel", click -> close()), saveButton);
    }

    private void configureFields(List<String> gpuTypes) {
        name.setRequired(true);
        name.addClassName("backend-name");
        kind.setLabel("Kind");
        kind.setItems("openai", "anthropic", "simulator");
        kind.setItemLabelGenerator(k -> switch (k) {
            case "openai" -> "OpenAI-compatible";
            case "anthropic" -> "Anthropic";
            default -> "Simulator";
        });
        kind.setReadOnly(!create);
        kind.addValueChangeListener(e -> showKindFields());
        baseUrl.setPlaceholder("http://vllm:8000/v1");
        baseUrl.addClassName("backend-base-url");
        apiKey.setHelperText(hasApiKey ? "A key is stored. Leave blank to keep it." : "Write-only: never shown again.");
        apiKey.setRevealButtonVisible(false);
        removeApiKey.setVisible(hasApiKey);
        tier.setLabel("Tier");
        tier.setItems("self_hosted", "cloud");
        tier.setEmptySelectionAllowed(create);
        tier.setEmptySelectionCaption("From the cost (GPUs: self-hosted)");
        tokensPerSecond.setMin(1);
        pricing.setItems(Pricing.PER_TOKEN, Pricing.GPU);
        pricing.setItemLabelGenerator(p -> p == Pricing.GPU ? "By its GPUs (self-hosted)" : "Per token");
        pricing.addValueChangeListener(e -> showPricingFields());
        gpuType.setLabel("GPU type");
        gpuType.setItems(gpuTypes);
        gpuCount.setMin(1);
        expectedTokensPerSecond.setMin(1);
        bindRules();
    }

    /**
     * The setter of every binding: the draft is a record built from the fields on save, never written into (a null
     * setter would make Binder show the field read-only).
     */
    private static <V> void built(BackendDraft draft, V value) {
        // nothing to write
    }

    private void bindRules() {
        binder.forField(name).asRequired("A backend needs a name.").withValidator(ApiRule.of(BackendBody.class, "name"))
                .bind(BackendDraft::name, BackendDialog::built);
        binder.forField(kind).asRequired("Choose a kind.").withValidator(ApiRule.of(BackendBody.class, "kind"))
                .bind(BackendDraft::kind, BackendDialog::built);
        binder.forField(baseUrl).withValidator(ApiRule.of(BackendBody.class, "baseUrl"))
                .bind(BackendDraft::baseUrl, BackendDialog::built);
        binder.forField(tier).withValidator(ApiRule.of(BackendBody.class, "tier")).bind(BackendDraft::tier, BackendDialog::built);
        binder.forField(enabled).bind(BackendDraft::enabled, BackendDialog::built);
        binder.forField(timeToFirstTokenMs).withValidator(ApiRule.of(BackendBody.class, "timeToFirstTokenMs"))
                .bind(BackendDraft::timeToFirstTokenMs, BackendDialog::built);
        binder.forField(tokensPerSecond).withValidator(ApiRule.of(BackendBody.class, "tokensPerSecond"))
                .bind(BackendDraft::tokensPerSecond, BackendDialog::built);
        binder.forField(connectMs).withValidator(ApiRule.of(BackendBody.Timeouts.class, "connectMs"))
                .bind(BackendDraft::connectMs, BackendDialog::built);
        binder.forField(firstByteMs).withValidator(ApiRule.of(BackendBody.Timeouts.class, "firstByteMs"))
                .bind(BackendDraft::firstByteMs, BackendDialog::built);
        binder.forField(idleMs).withValidator(ApiRule.of(BackendBody.Timeouts.class, "idleMs"))
                .bind(BackendDraft::idleMs, BackendDialog::built);
        binder.forField(totalMs).withValidator(ApiRule.of(BackendBody.Timeouts.class, "totalMs"))
                .bind(BackendDraft::totalMs, BackendDialog::built);
        binder.forField(pricing).bind(BackendDraft::pricing, BackendDialog::built);
        binder.forField(inputPrice).withValidator(ApiRule.of(BackendBody.Price.class, "inputUsdPer1m"))
                .bind(BackendDraft::inputUsdPer1m, BackendDialog::built);
        binder.forField(cachedInputPrice).withValidator(ApiRule.of(BackendBody.Price.class, "cachedInputUsdPer1m"))
                .bind(BackendDraft::cachedInputUsdPer1m, BackendDialog::built);
        binder.forField(outputPrice).withValidator(ApiRule.of(BackendBody.Price.class, "outputUsdPer1m"))
                .bind(BackendDraft::outputUsdPer1m, BackendDialog::built);
        binder.forField(gpuType).bind(BackendDraft::gpuType, BackendDialog::built);
        binder.forField(gpuCount).withValidator(ApiRule.of(BackendBody.Gpu.class, "count"))
                .bind(BackendDraft::gpuCount, BackendDialog::built);
        binder.forField(expectedTokensPerSecond)
                .withValidator(ApiRule.of(BackendBody.Gpu.class, "expectedTokensPerSecond"))
                .bind(BackendDraft::expectedTokensPerSecond, BackendDialog::built);
    }

    private static IntegerField millisField(String label) {
        IntegerField field = new IntegerField(label);
        field.setMin(0);
        field.setSuffixComponent(new com.vaadin.flow.component.html.Span("ms"));
        return field;
    }

    private void show(BackendDraft d) {
        binder.readBean(d);
        models.setValue(d.models());
        showKindFields();
        showPricingFields();
    }

    private void showKindFields() {
        boolean simulator = "simulator".equals(kind.getValue());
        baseUrl.setVisible(!simulator);
        apiKey.setVisible(!simulator);
        timeToFirstTokenMs.setVisible(simulator);
        tokensPerSecond.setVisible(simulator);
    }

    private void showPricingFields() {
        boolean gpu = pricing.getValue() == Pricing.GPU;
        inputPrice.setVisible(!gpu);
        cachedInputPrice.setVisible(!gpu);
        outputPrice.setVisible(!gpu);
        gpuType.setVisible(gpu);
        gpuCount.setVisible(gpu);
        expectedTokensPerSecond.setVisible(gpu);
    }

    BackendDraft draft() {
        return new BackendDraft(name.getValue(), kind.getValue(), baseUrl.getValue(), apiKey.getValue(),
                removeApiKey.getValue(), tier.getValue(), enabled.getValue(), connectMs.getValue(),
                firstByteMs.getValue(), idleMs.getValue(), totalMs.getValue(), timeToFirstTokenMs.getValue(),
                tokensPerSecond.getValue(), models.getValue(), pricing.getValue(), inputPrice.getValue(),
                cachedInputPrice.getValue(), outputPrice.getValue(), gpuType.getValue(), gpuCount.getValue(),
                expectedTokensPerSecond.getValue(), hadGpu);
    }

    private void save(Function<BackendDraft, BackendView> save, Consumer<BackendView> saved) {
        FieldErrors errors = new FieldErrors().on("name", name).on("kind", kind).on("base_url", baseUrl)
                .on("api_key", apiKey).on("tier", tier).on("time_to_first_token_ms", timeToFirstTokenMs)
                .on("tokens_per_second", tokensPerSecond).on("timeouts.connect_ms", connectMs)
                .on("timeouts.first_byte_ms", firstByteMs).on("timeouts.idle_ms", idleMs)
                .on("timeouts.total_ms", totalMs).on("price", inputPrice).on("price.input_usd_per_1m", inputPrice)
                .on("price.cached_input_usd_per_1m", cachedInputPrice).on("price.output_usd_per_1m", outputPrice)
                .on("gpu", gpuType).on("gpu.count", gpuCount)
                .on("gpu.expected_tokens_per_second", expectedTokensPerSecond);
        models.register(errors);
        errors.clear();
        if (!binder.validate().isOk()) {
            return; // each field says what is wrong under it
        }
        try {
            BackendView stored = save.apply(draft());
            close();
            saved.accept(stored);
        } catch (BackendListView.RefusedChange refused) {
            // the guard has told the admin; the form keeps what was typed
        } catch (ApiException e) {
            errors.show(e);
        }
    }
}
