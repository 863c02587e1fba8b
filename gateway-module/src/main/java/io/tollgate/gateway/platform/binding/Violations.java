package io.tollgate.gateway.platform.binding;

import io.tollgate.gateway.platform.ApiError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.util.Collection;
import java.util.Comparator;

/**
 * Bean Validation violations in OpenAI's error shape: the first (by field path, so the answer is stable) becomes a
 * 400 {@code invalid_request_error} whose {@code param} is the wire path ({@code models[1].weight}). A missing
 * required field reads as OpenAI says it: "Missing required parameter: 'name'."
 */
public final class Violations {

    private Violations() {
    }

    public static ApiError error(Collection<? extends ConstraintViolation<?>> violations) {
        ConstraintViolation<?> first = violations.stream()
                .min(Comparator.comparing((ConstraintViolation<?> v) -> param(v)).thenComparing(v -> v.getMessage()))
                .orElseThrow();
        return ApiError.invalidRequest(message(first), param(first));
    }

    public static String param(ConstraintViolation<?> violation) {
        return JsonNames.path(violation.getRootBeanClass(), violation.getPropertyPath());
    }

    /** What a form shows beside the field, or the API says. */
    public static String message(ConstraintViolation<?> violation) {
        String param = param(violation);
        var rule = violation.getConstraintDescriptor().getAnnotation();
        if (violation.getInvalidValue() == null && (rule instanceof NotNull || rule instanceof NotBlank
                || rule instanceof NotEmpty)) {
            return "Missing required parameter: '" + param + "'.";
        }
        return "'" + param + "' " + violation.getMessage() + ".";
    }
}
