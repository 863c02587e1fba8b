package io.tollgate.admin.common;

import com.vaadin.flow.component.HasValidation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldErrorsTest {

    static final class Field implements HasValidation {
        String message;
        boolean invalid;

        @Override
        public void setErrorMessage(String errorMessage) {
            message = errorMessage;
        }

        @Override
        public String getErrorMessage() {
            return message;
        }

        @Override
        public void setInvalid(boolean invalid) {
            this.invalid = invalid;
        }

        @Override
        public boolean isInvalid() {
            return invalid;
        }
    }

    @Test
    void findsTheFieldTheApiNames() {
        Field weight = new Field();
        Field models = new Field();
        FieldErrors errors = new FieldErrors().on("models", models).on("models[1].weight", weight);

        assertSame(weight, errors.fieldFor("models[1].weight").orElseThrow());
    }

    @Test
    void fallsBackToTheClosestNamedParent() {
        Field price = new Field();
        Field models = new Field();
        FieldErrors errors = new FieldErrors().on("price", price).on("models", models);

        assertSame(price, errors.fieldFor("price.input_usd_per_1m").orElseThrow());
        assertSame(models, errors.fieldFor("models[3].quality").orElseThrow());
        assertTrue(errors.fieldFor("gpu.type").isEmpty());
        assertTrue(errors.fieldFor(null).isEmpty());
    }

    @Test
    void marksTheFieldWithTheApisMessageAndClearsIt() {
        Field baseUrl = new Field();
        FieldErrors errors = new FieldErrors().on("base_url", baseUrl);

        errors.show(new io.tollgate.gateway.platform.ApiException(io.tollgate.gateway.platform.ApiError
                .invalidRequest("'base_url' must be an http(s) URL such as http://vllm:8000/v1.", "base_url")));
        assertTrue(baseUrl.invalid);
        assertEquals("'base_url' must be an http(s) URL such as http://vllm:8000/v1.", baseUrl.message);

        errors.clear();
        assertFalse(baseUrl.invalid);
    }
}
