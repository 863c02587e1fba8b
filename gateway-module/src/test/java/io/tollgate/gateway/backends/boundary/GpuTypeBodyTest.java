package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.ListPage;
import io.tollgate.gateway.platform.binding.AdminBodies;
import io.tollgate.gateway.platform.binding.AdminJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The GPU catalogue's body rules and its object's wire shape. */
class GpuTypeBodyTest {

    @Test
    void eitherFieldMayBeSentAlone() {
        GpuTypeBody memory = bind("{\"memory_gb\":80}");
        assertEquals(80, memory.memoryGb());
        assertNull(memory.monthlyUsd());
        assertEquals(new BigDecimal("3500.5"), bind("{\"monthly_usd\":3500.5}").monthlyUsd());
        assertEquals(new GpuTypeBody(4096, new BigDecimal("10000000")),
                bind("{\"memory_gb\":4096,\"monthly_usd\":10000000,\"other\":1}"));
    }

    @Test
    void memoryAndMonthlyCostOutsideTheirRulesAreRefusedByName() {
        String memory = "'memory_gb' must be an integer from 1 to 4096.";
        assertRefused("{\"memory_gb\":0}", "memory_gb", memory);
        assertRefused("{\"memory_gb\":4097}", "memory_gb", memory);
        assertRefused("{\"memory_gb\":1.5}", "memory_gb", memory);
        assertRefused("{\"memory_gb\":\"80\"}", "memory_gb", memory);
        String amount = "'monthly_usd' must be a non-negative amount.";
        assertRefused("{\"monthly_usd\":-0.01}", "monthly_usd", amount);
        assertRefused("{\"monthly_usd\":10000000.01}", "monthly_usd", amount);
        assertRefused("{\"monthly_usd\":\"3500\"}", "monthly_usd", null);
    }

    @Test
    void aGpuTypeIsItsOwnIdWithItsStoredCostAndUnixSeconds() {
        var view = new GpuTypesFacade.GpuTypeView("H100", 80, new BigDecimal("3500.00"), Instant.ofEpochSecond(1700000000));
        String expected = "{\"object\":\"organization.gpu_type\",\"id\":\"H100\",\"name\":\"H100\",\"memory_gb\":80,"
                + "\"monthly_usd\":3500.00,\"updated_at\":1700000000}";
        assertSameJson(expected, GpuTypeObject.of(view));
        assertSameJson("{\"object\":\"list\",\"data\":[" + expected + "],\"first_id\":\"H100\",\"last_id\":\"H100\","
                + "\"has_more\":false}", ListPage.of(List.of(GpuTypeObject.of(view)), GpuTypeObject::id, false));
    }

    private static GpuTypeBody bind(String body) {
        return AdminBodies.bind(json(body), GpuTypeBody.class).value();
    }

    private static void assertRefused(String body, String param, String message) {
        ApiError error = assertThrows(ApiException.class, () -> bind(body)).error();
        assertEquals(400, error.status());
        assertEquals(param, error.param(), error.message());
        if (message != null) {
            assertEquals(message, error.message());
        }
    }

    /** Field for field, numbers to their scale (3500.00 is not 3500 in JSON-P). */
    private static void assertSameJson(String expected, Object actual) {
        String json = AdminJson.JSONB.toJson(actual);
        assertEquals(json(expected), json(json), json);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
