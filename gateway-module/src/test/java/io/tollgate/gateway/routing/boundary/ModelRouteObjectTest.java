package io.tollgate.gateway.routing.boundary;

import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.binding.AdminBodies;
import io.tollgate.gateway.platform.binding.AdminJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** organization.model_route on the wire, and the body that changes its strategy. */
class ModelRouteObjectTest {

    @Test
    void aRouteShowsEachDeploymentWithItsLiveStateAndAnExplicitNullForAQueueNotReported() {
        var route = new ModelRoutesFacade.ModelRouteView("llama", "peak_ewma", List.of(
                new ModelRoutesFacade.DeploymentView("be_1", "vllm-a", "meta/llama", 3, 7, "self_hosted", false, true,
                        false, 2, 4, 12.345),
                new ModelRoutesFacade.DeploymentView("be_2", "cloud", "llama-3", 1, 0, "cloud", true, false, true, 0,
                        null, 0.0)));

        assertSameJson("{\"object\":\"organization.model_route\",\"id\":\"llama\",\"model\":\"llama\","
                + "\"strategy\":\"peak_ewma\",\"deployments\":[{\"backend_id\":\"be_1\",\"backend_name\":\"vllm-a\","
                + "\"upstream_model\":\"meta/llama\",\"weight\":3,\"quality\":7,\"tier\":\"self_hosted\","
                + "\"draining\":false,\"healthy\":true,\"ejected\":false,\"outstanding\":2,"
                + "\"ewma_first_byte_ms\":12.3,\"queue_waiting\":4},{\"backend_id\":\"be_2\",\"backend_name\":\"cloud\","
                + "\"upstream_model\":\"llama-3\",\"weight\":1,\"quality\":0,\"tier\":\"cloud\",\"draining\":true,"
                + "\"healthy\":false,\"ejected\":true,\"outstanding\":0,\"ewma_first_byte_ms\":0.0,"
                + "\"queue_waiting\":null}]}", ModelRouteObject.of(route));
    }

    @Test
    void aStrategyIsRequired() {
        assertEquals("hybrid", AdminBodies.bind(json("{\"strategy\":\"hybrid\"}"), ModelRouteBody.class).value()
                .strategy());
        ApiException missing = assertThrows(ApiException.class,
                () -> AdminBodies.bind(json("{}"), ModelRouteBody.class));
        assertEquals("Missing required parameter: 'strategy'.", missing.error().message());
        assertEquals("strategy", assertThrows(ApiException.class,
                () -> AdminBodies.bind(json("{\"strategy\":\" \"}"), ModelRouteBody.class)).error().param());
        assertEquals("'strategy' must be a string.", assertThrows(ApiException.class,
                () -> AdminBodies.bind(json("{\"strategy\":5}"), ModelRouteBody.class)).error().message());
    }

    private static void assertSameJson(String expected, Object actual) {
        String json = AdminJson.JSONB.toJson(actual);
        assertEquals(json(expected), json(json), json);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
