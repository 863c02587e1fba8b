package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.backends.control.Timeouts;
import io.tollgate.gateway.platform.binding.AdminJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The wire shape of organization.backend, field for field, as the official SDKs and the portal read it. */
class BackendObjectTest {

    private static final BackendView.ModelRouteView ROUTE = new BackendView.ModelRouteView("llama", "meta/llama", 3, 7);

    @Test
    void aPricedCloudBackendCarriesItsPriceAndExplicitNullsForWhatItLacks() {
        BackendView view = new BackendView("be_1", "cloud", "openai", null, true, null, null, true, List.of(ROUTE),
                Instant.ofEpochSecond(1700000000), timeouts(), new BackendView.PriceView(new BigDecimal("2.500000"),
                new BigDecimal("1.250000"), new BigDecimal("10.000000"), Instant.ofEpochSecond(1700000100)), null,
                "cloud", false);

        assertSameJson("{\"object\":\"organization.backend\",\"id\":\"be_1\",\"name\":\"cloud\",\"kind\":\"openai\","
                + "\"base_url\":null,\"has_api_key\":true,\"enabled\":true,\"tier\":\"cloud\",\"draining\":false,"
                + "\"models\":[{\"model\":\"llama\",\"upstream_model\":\"meta/llama\",\"weight\":3,\"quality\":7}],"
                + "\"timeouts\":{\"connect_ms\":1000,\"first_byte_ms\":2000,\"idle_ms\":3000,\"total_ms\":4000},"
                + "\"created_at\":1700000000,\"price\":{\"input_usd_per_1m\":2.5,\"cached_input_usd_per_1m\":1.25,"
                + "\"output_usd_per_1m\":1E+1,\"valid_from\":1700000100},\"gpu\":null}",
                BackendObject.of(view));
    }

    @Test
    void aSimulatorOnGpusShowsItsGpusAndItsSimulatedSpeed() {
        BackendView view = new BackendView("be_2", "sim", "simulator", "http://sim", false, 5, null, false,
                List.of(ROUTE), Instant.ofEpochSecond(1), timeouts(), null,
                new BackendView.GpuView("H100", 2, 900), "self_hosted", true);

        assertSameJson("{\"object\":\"organization.backend\",\"id\":\"be_2\",\"name\":\"sim\",\"kind\":\"simulator\","
                + "\"base_url\":\"http://sim\",\"has_api_key\":false,\"enabled\":false,\"tier\":\"self_hosted\","
                + "\"draining\":true,\"models\":[{\"model\":\"llama\",\"upstream_model\":\"meta/llama\",\"weight\":3,"
                + "\"quality\":7}],\"timeouts\":{\"connect_ms\":1000,\"first_byte_ms\":2000,\"idle_ms\":3000,"
                + "\"total_ms\":4000},\"created_at\":1,\"price\":null,\"gpu\":{\"type\":\"H100\",\"count\":2,"
                + "\"expected_tokens_per_second\":900},\"simulator\":{\"time_to_first_token_ms\":5,"
                + "\"tokens_per_second\":" + io.tollgate.gateway.backends.control.SimulatorClient.DEFAULT_TOKENS_PER_SECOND
                + "}}", BackendObject.of(view));
    }

    /** Field for field (a missing field differs from a null one); the order of fields is JSON's business. */
    private static void assertSameJson(String expected, BackendObject actual) {
        String json = AdminJson.JSONB.toJson(actual);
        assertEquals(read(expected), read(json), json);
    }

    private static jakarta.json.JsonObject read(String json) {
        return jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject();
    }

    private static Timeouts timeouts() {
        return new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(4));
    }
}
