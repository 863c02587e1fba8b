package io.tollgate.gateway.platform.binding;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.RequestBodies;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Reads an admin request body into a record: bounded and strict JSON ({@link RequestBodies}), each field's JSON
 * type ({@link JsonShape}), bound by JSON-B ({@link AdminJson}), then the record's Bean Validation rules
 * ({@link Violations}). Every failure is an OpenAI-shaped 400 naming the field.
 */
public final class AdminBodies {

    /** Admin bodies are small; anything larger is refused before it is read. */
    public static final int MAX_BYTES = 1024 * 1024;

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private AdminBodies() {
    }

    /** A change: the rules of {@link jakarta.validation.groups.Default}; pass {@link OnCreate} for a create. */
    public static <T extends Record> Bound<T> read(InputStream raw, Class<T> type, Class<?>... groups)
            throws IOException {
        return read(raw, MAX_BYTES, type, groups);
    }

    /** As above, for an endpoint whose bodies are bounded tighter (a 413 beyond {@code maxBytes}). */
    public static <T extends Record> Bound<T> read(InputStream raw, int maxBytes, Class<T> type, Class<?>... groups)
            throws IOException {
        return bind(RequestBodies.read(raw, maxBytes), type, groups);
    }

    public static <T extends Record> Bound<T> bind(JsonObject body, Class<T> type, Class<?>... groups) {
        JsonShape.check(body, type);
        T value;
        try {
            value = AdminJson.JSONB.fromJson(body.toString(), type);
        } catch (JsonbException e) {
            // The shape check leaves JSON-B nothing to refuse; should it still, the client hears it as a 400.
            throw new ApiException(ApiError.invalidRequest("The request body does not match this endpoint's object.",
                    null));
        }
        validate(value, groups);
        return new Bound<>(value, body.keySet());
    }

    /** Bean Validation of a value built in code (the portal's forms), with the same errors as a bound body. */
    public static <T> void validate(T value, Class<?>... groups) {
        Set<ConstraintViolation<T>> violations = VALIDATOR.validate(value, groups);
        if (!violations.isEmpty()) {
            throw new ApiException(Violations.error(violations));
        }
    }

    /** All violations, for a form that shows each beside its field. */
    public static <T> Set<ConstraintViolation<T>> violations(T value, Class<?>... groups) {
        return VALIDATOR.validate(value, groups);
    }
}
