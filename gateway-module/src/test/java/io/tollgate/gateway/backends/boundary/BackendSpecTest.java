package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.backends.boundary.BackendView.ModelRouteView;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendSpecTest {

    private static final boolean CREATE = true;
    private static final boolean MODIFY = false;

    @Test
    void readsACompleteOpenAiBackend() {
        BackendSpec spec = parse("""
                {"name": "vllm-a", "kind": "openai", "base_url": "http://vllm:8000/v1", "api_key": "sk-up",
                 "time_to_first_token_ms": 0, "tokens_per_second": 100000, "enabled": false,
                 "models": [{"model": "llama", "upstream_model": "meta-llama/Llama-3.1-8B", "weight": 3}]}""", CREATE);

        assertEquals("vllm-a", spec.name());
        assertEquals("openai", spec.kind());
        assertEquals("http://vllm:8000/v1", spec.baseUrl());
        assertEquals(Optional.of("sk-up"), spec.apiKey());
        assertTrue(spec.apiKeyGiven());
        assertEquals(0, spec.timeToFirstTokenMs());
        assertEquals(100_000, spec.tokensPerSecond());
        assertEquals(false, spec.enabled());
        assertEquals(List.of(new ModelRouteView("llama", "meta-llama/Llama-3.1-8B", 3, 0)), spec.models());
    }

    @Test
    void createsASimulatorWithoutABaseUrl() {
        BackendSpec spec = parse("{\"name\":\"sim\",\"kind\":\"simulator\",\"models\":[{\"model\":\"m\"}]}", CREATE);

        assertNull(spec.baseUrl());
        assertEquals("simulator", spec.kind());
    }

    @Test
    void servesAModelUnderItsOwnNameWithWeightOneUnlessToldOtherwise() {
        BackendSpec spec = parse("""
                {"name":"sim","kind":"simulator","models":[{"model":"a"},{"model":"b","upstream_model":"  "}]}""",
                CREATE);

        assertEquals(List.of(new ModelRouteView("a", "a", 1, 0), new ModelRouteView("b", "b", 1, 0)), spec.models());
    }

    @Test
    void requiresNameKindAndModelsToCreate() {
        assertRefused("{\"kind\":\"simulator\",\"models\":[{\"model\":\"m\"}]}", CREATE, "name");
        assertRefused("{\"name\":\"  \",\"kind\":\"simulator\",\"models\":[{\"model\":\"m\"}]}", CREATE, "name");
        assertRefused("{\"name\":\"sim\",\"models\":[{\"model\":\"m\"}]}", CREATE, "kind");
        assertRefused("{\"name\":\"sim\",\"kind\":\"simulator\"}", CREATE, "models");
        assertRefused("{\"name\":\"sim\",\"kind\":\"simulator\",\"models\":null}", CREATE, "models");
    }

    @Test
    void refusesANameLongerThanTwoHundredCharacters() {
        String name = "n".repeat(201);
        assertRefused("{\"name\":\"" + name + "\",\"kind\":\"simulator\",\"models\":[{\"model\":\"m\"}]}", CREATE,
                "name");
        assertEquals("n".repeat(200), parse("{\"name\":\"" + "n".repeat(200) + "\"}", MODIFY).name());
    }

    @Test
    void requiresABaseUrlToCreateAnOpenAiBackend() {
        ApiError error = assertRefused("{\"name\":\"v\",\"kind\":\"openai\",\"models\":[{\"model\":\"m\"}]}", CREATE,
                "base_url");

        assertTrue(error.message().startsWith("Missing required parameter: 'base_url'"), error.message());
    }

    @Test
    void createsAnAnthropicBackendButOnlyWithABaseUrl() {
        BackendSpec spec = parse("""
                {"name":"claude","kind":"anthropic","base_url":"https://api.anthropic.com/v1","api_key":"sk-ant-1",
                 "models":[{"model":"claude","upstream_model":"claude-sonnet-4-5"}]}""", CREATE);

        assertEquals("anthropic", spec.kind());
        assertEquals("https://api.anthropic.com/v1", spec.baseUrl());
        ApiError error = assertRefused("{\"name\":\"c\",\"kind\":\"anthropic\",\"models\":[{\"model\":\"m\"}]}",
                CREATE, "base_url");
        assertTrue(error.message().contains("https://api.anthropic.com/v1"), error.message());
    }

    @Test
    void refusesAnUnknownKind() {
        ApiError error = assertRefused("{\"name\":\"x\",\"kind\":\"martian\",\"models\":[{\"model\":\"m\"}]}",
                CREATE, "kind");
        assertEquals("'kind' must be one of: openai, anthropic, simulator.", error.message());
        assertRefused("{\"kind\":\"OpenAI\"}", MODIFY, "kind");
    }

    @Test
    void refusesABaseUrlThatIsNotHttp() {
        for (String url : new String[]{"ftp://vllm/v1", "vllm:8000/v1", "http://", "http:/vllm:8000/v1", "http:vllm",
                "not a url", "file:///etc/passwd", "//vllm:8000"}) {
            assertRefused("{\"base_url\":\"" + url + "\"}", MODIFY, "base_url");
        }
    }

    @Test
    void acceptsHttpAndHttpsBaseUrls() {
        assertEquals("https://api.example.com/v1",
                parse("{\"base_url\":\"https://api.example.com/v1\"}", MODIFY).baseUrl());
        assertEquals("http://10.0.0.5:8000", parse("{\"base_url\":\"http://10.0.0.5:8000\"}", MODIFY).baseUrl());
    }

    @Test
    void refusesAModelListedTwice() {
        ApiError error = assertRefused("{\"models\":[{\"model\":\"m\"},{\"model\":\"n\"},{\"model\":\"m\"}]}",
                MODIFY, "models[2].model");

        assertTrue(error.message().contains("'m'"), error.message());
    }

    @Test
    void refusesModelsThatAreNotANonEmptyArrayOfObjects() {
        assertRefused("{\"models\":[]}", MODIFY, "models");
        assertRefused("{\"models\":{\"model\":\"m\"}}", MODIFY, "models");
        assertRefused("{\"models\":\"m\"}", MODIFY, "models");
        assertRefused("{\"models\":[{\"model\":\"m\"},\"n\"]}", MODIFY, "models[1]");
        assertRefused("{\"models\":[{\"upstream_model\":\"m\"}]}", MODIFY, "models[0].model");
        assertRefused("{\"models\":[{\"model\":7}]}", MODIFY, "models[0].model");
    }

    @Test
    void namesTheRouteWhoseWeightIsWrong() {
        for (String weight : new String[]{"\"2\"", "-1", "1000001", "1.5", "true"}) {
            ApiError error = assertRefused("{\"models\":[{\"model\":\"m\"},{\"model\":\"n\",\"weight\":" + weight
                    + "}]}", MODIFY, "models[1].weight");
            assertEquals("'models[1].weight' must be an integer from 0 to 1000000.", error.message());
        }
    }

    @Test
    void acceptsWeightsFromZeroToAMillion() {
        BackendSpec spec = parse("{\"models\":[{\"model\":\"m\",\"weight\":0},{\"model\":\"n\",\"weight\":1000000}]}",
                MODIFY);

        assertEquals(List.of(0, 1_000_000), spec.models().stream().map(ModelRouteView::weight).toList());
    }

    @Test
    void refusesPacingOutsideItsRange() {
        assertRefused("{\"time_to_first_token_ms\":-1}", MODIFY, "time_to_first_token_ms");
        assertRefused("{\"time_to_first_token_ms\":600001}", MODIFY, "time_to_first_token_ms");
        assertRefused("{\"tokens_per_second\":0}", MODIFY, "tokens_per_second");
        assertRefused("{\"tokens_per_second\":100001}", MODIFY, "tokens_per_second");
        assertRefused("{\"enabled\":\"yes\"}", MODIFY, "enabled");
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        ApiError error = assertThrows(ApiException.class,
                () -> BackendSpec.parse(Json.createArrayBuilder().build(), MODIFY)).error();

        assertEquals(400, error.status());
        assertNull(error.param());
    }

    @Test
    void leavesOutWhatAModifyRequestDoesNotMention() {
        BackendSpec spec = parse("{\"enabled\": true}", MODIFY);

        assertEquals(true, spec.enabled());
        assertNull(spec.name());
        assertNull(spec.kind());
        assertNull(spec.baseUrl());
        assertNull(spec.timeToFirstTokenMs());
        assertNull(spec.tokensPerSecond());
        assertNull(spec.models());
        assertFalse(spec.apiKeyGiven());
    }

    @Test
    void acceptsAnEmptyModifyRequest() {
        BackendSpec spec = parse("{}", MODIFY);

        assertNull(spec.enabled());
        assertNull(spec.models());
        assertFalse(spec.apiKeyGiven());
    }

    @Test
    void refusesABlankNameInAModifyRequest() {
        assertRefused("{\"name\":\"\"}", MODIFY, "name");
        assertRefused("{\"name\":\" \"}", MODIFY, "name");
    }

    @Test
    void keepsTheCredentialWhenApiKeyIsLeftOut() {
        BackendSpec spec = parse("{\"name\":\"renamed\"}", MODIFY);

        assertFalse(spec.apiKeyGiven());
        assertEquals(Optional.empty(), spec.apiKey());
    }

    @Test
    void removesTheCredentialWhenApiKeyIsNull() {
        BackendSpec spec = parse("{\"api_key\": null}", MODIFY);

        assertTrue(spec.apiKeyGiven());
        assertEquals(Optional.empty(), spec.apiKey());
    }

    @Test
    void removesTheCredentialWhenApiKeyIsEmpty() {
        BackendSpec spec = parse("{\"api_key\": \"\"}", MODIFY);

        assertTrue(spec.apiKeyGiven());
        assertEquals(Optional.empty(), spec.apiKey());
    }

    @Test
    void replacesTheCredentialWhenApiKeyIsGiven() {
        BackendSpec spec = parse("{\"api_key\": \"sk-new\"}", MODIFY);

        assertTrue(spec.apiKeyGiven());
        assertEquals(Optional.of("sk-new"), spec.apiKey());
    }

    @Test
    void refusesAnApiKeyThatIsNotAString() {
        assertRefused("{\"api_key\": 12345}", MODIFY, "api_key");
    }

    private static ApiError assertRefused(String json, boolean create, String param) {
        ApiError error = assertThrows(ApiException.class, () -> parse(json, create), json).error();
        assertEquals(400, error.status(), json);
        assertEquals("invalid_request_error", error.type(), json);
        assertEquals(param, error.param(), json);
        return error;
    }

    private static BackendSpec parse(String json, boolean create) {
        JsonValue body;
        try (var reader = Json.createReader(new StringReader(json))) {
            body = reader.readValue();
        }
        return BackendSpec.parse(body, create);
    }
}
