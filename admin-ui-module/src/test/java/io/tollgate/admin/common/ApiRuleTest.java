package io.tollgate.admin.common;

import com.vaadin.flow.data.binder.ValueContext;
import io.tollgate.gateway.backends.boundary.BackendBody;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend form's field rules are the admin API's own, with its words, checked without a server. */
class ApiRuleTest {

    private static final ValueContext CONTEXT = new ValueContext(null, null, Locale.ENGLISH);

    @Test
    void aNameIsCheckedAsTheApiChecksIt() {
        ApiRule<String> name = ApiRule.of(BackendBody.class, "name");

        assertFalse(name.apply("vllm-a", CONTEXT).isError());
        var tooLong = name.apply("n".repeat(201), CONTEXT);
        assertTrue(tooLong.isError());
        assertEquals("must be 1 to 200 characters", tooLong.getErrorMessage());
    }

    @Test
    void numbersOutsideTheApisRangeAreRefusedWithTheRange() {
        ApiRule<Integer> gpus = ApiRule.of(BackendBody.Gpu.class, "count");

        assertFalse(gpus.apply(8, CONTEXT).isError());
        assertEquals("must be an integer from 1 to 4096", gpus.apply(0, CONTEXT).getErrorMessage());
        assertTrue(ApiRule.<Integer>of(BackendBody.Timeouts.class, "connectMs").apply(86_400_001, CONTEXT).isError());
        assertTrue(ApiRule.<BigDecimal>of(BackendBody.Price.class, "inputUsdPer1m")
                .apply(new BigDecimal("-1"), CONTEXT).isError());
    }

    @Test
    void aUrlOrAKindTheApiWouldRefuseIsRefusedInTheForm() {
        assertTrue(ApiRule.of(BackendBody.class, "baseUrl").apply("ftp://vllm", CONTEXT).isError());
        assertFalse(ApiRule.of(BackendBody.class, "baseUrl").apply("http://vllm:8000/v1", CONTEXT).isError());
        assertTrue(ApiRule.of(BackendBody.class, "kind").apply("martian", CONTEXT).isError());
    }

    @Test
    void anEmptyFieldIsLeftToTheApiWhichKnowsWhetherItMayBeLeftOut() {
        assertFalse(ApiRule.of(BackendBody.class, "baseUrl").apply("", CONTEXT).isError());
        assertFalse(ApiRule.of(BackendBody.Price.class, "inputUsdPer1m").apply(null, CONTEXT).isError());
    }
}
