package io.tollgate.admin.projects;

import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.data.binder.Binder;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.persistence.projects.ProjectSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limits form's Binder rules, without a server: the admin API's own rules and messages, field by field. */
class LimitsFormTest {

    private final IntegerField rpm = new IntegerField();
    private final IntegerField tpm = new IntegerField();
    private final NumberField quota = new NumberField();
    private final IntegerField concurrent = new IntegerField();
    private final Select<String> outage = new Select<>();
    private final Select<String> priority = new Select<>();
    private final Binder<LimitsForm> binder = new Binder<>(LimitsForm.class);

    LimitsFormTest() {
        outage.setItems("fail_open", "fail_closed");
        priority.setItems("cost", "quality", "balanced");
        // The same bindings as the project page's limits form.
        binder.forField(rpm).withValidator(LimitInput.rule("max_requests_per_1_minute", false)).bind("requestsPerMinute");
        binder.forField(tpm).withValidator(LimitInput.rule("max_tokens_per_1_minute", false)).bind("tokensPerMinute");
        binder.forField(quota).withValidator(LimitInput.rule("monthly_token_quota", true)).bind("monthlyTokenQuota");
        binder.forField(concurrent).withValidator(LimitInput.rule("max_concurrent_requests", false))
                .bind("maxConcurrent");
        binder.forField(outage).asRequired("Choose what happens while the database is away.").bind("onDatabaseOutage");
        binder.forField(priority).asRequired("Choose a routing priority.").bind("defaultPriority");
    }

    @Test
    void aNegativeOrFractionalLimitIsRefusedWithTheApisMessageUnderItsField() {
        rpm.setValue(-5);
        quota.setValue(1.5);
        var status = binder.validate();
        assertFalse(status.isOk());
        assertEquals("'max_requests_per_1_minute' must be a positive integer, or 0 or null for no limit.",
                status.getFieldValidationErrors().stream().filter(e -> e.getField() == rpm).findFirst()
                        .orElseThrow().getMessage().orElseThrow());
        assertTrue(status.getFieldValidationErrors().stream().anyMatch(e -> e.getField() == quota));
    }

    @Test
    void onSaveTheFormIsCheckedAsTheApiChecksItsSettingsBody() {
        var refused = assertThrows(ApiException.class,
                () -> new LimitsForm(10, -1, null, null, "fail_open", "cost").settings());
        assertEquals("max_tokens_per_1_minute", refused.error().param());
        assertEquals("'max_tokens_per_1_minute' must be a positive integer, or 0 or null for no limit.",
                refused.error().message());
        assertEquals("default_priority", assertThrows(ApiException.class,
                () -> new LimitsForm(null, null, null, null, "fail_open", "fastest").settings()).error().param());
        assertEquals("monthly_token_quota", assertThrows(ApiException.class,
                () -> new LimitsForm(null, null, 2.5, null, "fail_open", "cost").settings()).error().param(),
                "a fraction no body could carry");
    }

    @Test
    void emptyOrZeroMeansNoLimitAsInTheApi() throws Exception {
        binder.readBean(LimitsForm.of(new ProjectSettings(60, null, 1000L, null, "fail_open", "balanced")));
        assertEquals(60, rpm.getValue());
        assertEquals(1000.0, quota.getValue());

        rpm.setValue(0);
        quota.clear();
        tpm.setValue(20);
        concurrent.setValue(3);
        outage.setValue("fail_closed");
        assertTrue(binder.validate().isOk());
        ProjectSettings settings = binder.writeRecord().settings();
        assertNull(settings.maxRequestsPerMinute(), "0 is no limit");
        assertNull(settings.monthlyTokenQuota(), "empty is no limit");
        assertEquals(20, settings.maxTokensPerMinute());
        assertEquals(3, settings.maxConcurrentRequests());
        assertEquals("fail_closed", settings.onDatabaseOutage());
        assertEquals("balanced", settings.defaultPriority(), "as read");
    }
}
