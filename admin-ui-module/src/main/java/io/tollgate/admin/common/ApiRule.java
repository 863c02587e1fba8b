package io.tollgate.admin.common;

import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import com.vaadin.flow.data.binder.ValueContext;
import com.vaadin.flow.data.validator.BeanValidator;

/**
 * A Binder validator made of the admin API's own Bean Validation rule for one field of its request record (e.g.
 * {@code BackendBody.name}): the form says under the field what the API would answer, before anything is sent. An
 * empty field passes — whether a field may be left out depends on others, and the API decides that on save.
 */
public final class ApiRule<V> implements Validator<V> {

    private final BeanValidator rule;

    private ApiRule(Class<?> record, String component) {
        this.rule = new BeanValidator(record, component);
    }

    public static <V> ApiRule<V> of(Class<? extends Record> record, String component) {
        return new ApiRule<>(record, component);
    }

    @Override
    public ValidationResult apply(V value, ValueContext context) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return ValidationResult.ok();
        }
        return rule.apply(value, context);
    }
}
