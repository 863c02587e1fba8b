package io.tollgate.admin.common;

import com.vaadin.flow.component.HasValidation;
import io.tollgate.gateway.platform.ApiException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Shows an admin-API error where the admin can act on it: on the field named by the error's {@code param} (the same
 * names the REST API uses, e.g. {@code base_url}, {@code models[1].weight}), else as a notification.
 */
public final class FieldErrors {

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();

    public FieldErrors on(String param, HasValidation field) {
        fields.put(param, field);
        return this;
    }

    public void clear() {
        fields.values().forEach(f -> {
            f.setInvalid(false);
            f.setErrorMessage(null);
        });
    }

    /** Marks the field the error names; a notification when no field has that name. */
    public void show(ApiException e) {
        Optional<HasValidation> field = fieldFor(e.error().param());
        if (field.isPresent()) {
            field.get().setErrorMessage(e.error().message());
            field.get().setInvalid(true);
        } else {
            Notices.failed(e.error().message());
        }
    }

    /** The field for a param, or for its closest named parent ({@code price.input_usd_per_1m} → {@code price}). */
    Optional<HasValidation> fieldFor(String param) {
        String p = param;
        while (p != null && !p.isEmpty()) {
            if (fields.containsKey(p)) {
                return Optional.of(fields.get(p));
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut > 0 ? p.substring(0, cut) : null;
        }
        return Optional.empty();
    }
}
