package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.platform.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InferenceEndpointTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private static String paramOfError(InferenceEndpoint endpoint, String body) {
        return assertThrows(ApiException.class, () -> endpoint.validate(json(body))).error().param();
    }

    @Test
    void mapsServletPathsToEndpoints() {
        assertEquals(InferenceEndpoint.CHAT, InferenceEndpoint.forPath("/v1/chat/completions"));
        assertEquals(InferenceEndpoint.EMBEDDINGS, InferenceEndpoint.forPath("/v1/embeddings"));
        assertEquals("/completions", InferenceEndpoint.forPath("/v1/completions").upstreamPath());
        assertNull(InferenceEndpoint.forPath("/v1/images"));
    }

    @Test
    void acceptsWellFormedRequestsAndReturnsTheModel() {
        assertEquals("m", InferenceEndpoint.CHAT.validate(json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"n\":2,\"temperature\":0.5}")));
        assertEquals("m", InferenceEndpoint.COMPLETIONS.validate(json("{\"model\":\"m\",\"prompt\":\"hi\",\"max_tokens\":0}")));
        assertEquals("e", InferenceEndpoint.EMBEDDINGS.validate(json("{\"model\":\"e\",\"input\":[\"a\",\"b\"]}")));
    }

    @Test
    void namesTheOffendingParameter() {
        assertEquals("model", paramOfError(InferenceEndpoint.CHAT, "{\"messages\":[]}"));
        assertEquals("model", paramOfError(InferenceEndpoint.CHAT, "{\"model\":7,\"messages\":[]}"));
        assertEquals("messages", paramOfError(InferenceEndpoint.CHAT, "{\"model\":\"m\"}"));
        assertEquals("messages", paramOfError(InferenceEndpoint.CHAT, "{\"model\":\"m\",\"messages\":[]}"));
        assertEquals("messages[1]", paramOfError(InferenceEndpoint.CHAT,
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"},{\"content\":\"x\"}]}"));
        assertEquals("prompt", paramOfError(InferenceEndpoint.COMPLETIONS, "{\"model\":\"m\",\"prompt\":{}}"));
        assertEquals("input", paramOfError(InferenceEndpoint.EMBEDDINGS, "{\"model\":\"m\",\"input\":[]}"));
        String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}],";
        assertEquals("n", paramOfError(InferenceEndpoint.CHAT, chat + "\"n\":0}"));
        assertEquals("n", paramOfError(InferenceEndpoint.CHAT, chat + "\"n\":1.5}"));
        assertEquals("max_tokens", paramOfError(InferenceEndpoint.CHAT, chat + "\"max_tokens\":-1}"));
        assertEquals("max_tokens", paramOfError(InferenceEndpoint.CHAT, chat + "\"max_tokens\":1e40}"));
        assertEquals("max_completion_tokens", paramOfError(InferenceEndpoint.CHAT, chat + "\"max_completion_tokens\":\"9\"}"));
        assertEquals("temperature", paramOfError(InferenceEndpoint.CHAT, chat + "\"temperature\":3}"));
        assertEquals("stream", paramOfError(InferenceEndpoint.CHAT, chat + "\"stream\":\"yes\"}"));
        assertEquals("stream_options", paramOfError(InferenceEndpoint.CHAT, chat + "\"stream_options\":true}"));
    }

    @Test
    void streamsOnlyWhereTheEndpointCan() {
        assertTrue(InferenceEndpoint.CHAT.streamed(json("{\"stream\":true}")));
        assertFalse(InferenceEndpoint.CHAT.streamed(json("{\"stream\":false}")));
        assertFalse(InferenceEndpoint.EMBEDDINGS.streamed(json("{\"stream\":true}")));
    }
}
