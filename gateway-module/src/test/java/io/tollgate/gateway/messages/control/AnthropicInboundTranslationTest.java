package io.tollgate.gateway.messages.control;

import io.tollgate.gateway.platform.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnthropicInboundTranslationTest {

    @Test
    void translatesAConversationWithSystemImagesAndToolsToAChatRequest() {
        JsonObject request = json("""
                {"model":"demo","max_tokens":256,"system":[{"type":"text","text":"Be brief."},{"type":"text","text":"Be kind."}],
                 "temperature":0.5,"top_p":0.9,"top_k":40,"stop_sequences":["END"],"metadata":{"user_id":"u-1"},
                 "tools":[{"name":"get_weather","description":"Weather now","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
                 "tool_choice":{"type":"tool","name":"get_weather","disable_parallel_tool_use":true},
                 "messages":[
                  {"role":"user","content":[{"type":"text","text":"Look:"},
                    {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"AAAA"}}]},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"s"},
                    {"type":"text","text":"Let me check."},
                    {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"sunny"}]},
                    {"type":"text","text":"And tomorrow?"}]}]}""");

        JsonObject chat = AnthropicInboundTranslation.chatRequest(request);

        assertEquals(json("""
                {"model":"demo","messages":[
                  {"role":"system","content":"Be brief.\\nBe kind."},
                  {"role":"user","content":[{"type":"text","text":"Look:"},
                    {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,AAAA"}}]},
                  {"role":"assistant","content":"Let me check.","tool_calls":[{"id":"toolu_1","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"toolu_1","content":"sunny"},
                  {"role":"user","content":"And tomorrow?"}],
                 "max_tokens":256,"temperature":0.5,"top_p":0.9,"stop":["END"],"user":"u-1",
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
                 "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false}"""), chat);
    }

    @Test
    void asksForAStreamWithUsageWhenTheClientStreams() {
        JsonObject chat = AnthropicInboundTranslation.chatRequest(json("""
                {"model":"demo","max_tokens":5,"stream":true,"system":"Hi","messages":[{"role":"user","content":"Hello"}]}"""));

        assertEquals(json("""
                {"model":"demo","messages":[{"role":"system","content":"Hi"},{"role":"user","content":"Hello"}],
                 "max_tokens":5,"stream":true,"stream_options":{"include_usage":true}}"""), chat);
    }

    @Test
    void mapsToolChoicesAndMarksFailedToolResults() {
        String base = """
                {"model":"m","max_tokens":1,"tool_choice":{"type":"%s"},"messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"t1","content":"boom","is_error":true},
                  {"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]}]}""";

        assertEquals("required", AnthropicInboundTranslation.chatRequest(json(base.formatted("any"))).getString("tool_choice"));
        assertEquals("none", AnthropicInboundTranslation.chatRequest(json(base.formatted("none"))).getString("tool_choice"));
        JsonObject chat = AnthropicInboundTranslation.chatRequest(json(base.formatted("auto")));
        assertEquals("auto", chat.getString("tool_choice"));
        assertEquals(Json.createReader(new StringReader("""
                [{"role":"tool","tool_call_id":"t1","content":"Error: boom"},
                 {"role":"user","content":[{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]"""))
                .readArray(), chat.getJsonArray("messages"));
        assertFalse(chat.containsKey("parallel_tool_calls"));
    }

    @Test
    void refusesRequestsWithoutTheRequiredFieldsNamingTheField() {
        assertRefused("{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model");
        assertRefused("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "max_tokens");
        assertRefused("{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "max_tokens");
        assertRefused("{\"model\":\"m\",\"max_tokens\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "max_tokens");
        assertRefused("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]}", "messages");
        assertRefused("{\"model\":\"m\",\"max_tokens\":1}", "messages");
        assertRefused("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}",
                "messages.0.role");
        assertRefused("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\"}]}", "messages.0.content");
    }

    @Test
    void refusesContentItCannotRelay() {
        var e = assertThrows(ApiException.class, () -> AnthropicInboundTranslation.chatRequest(json("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"AA"}}]}]}""")));
        assertEquals(400, e.error().status());
        assertEquals("messages.0.content.0.type", e.error().param());
        var server = assertThrows(ApiException.class, () -> AnthropicInboundTranslation.chatRequest(json("""
                {"model":"m","max_tokens":1,"tools":[{"type":"web_search_20250305","name":"web_search"}],
                 "messages":[{"role":"user","content":"x"}]}""")));
        assertEquals("tools.0.type", server.error().param());
    }

    private static void assertRefused(String body, String field) {
        var e = assertThrows(ApiException.class, () -> AnthropicInboundTranslation.validate(json(body)));
        assertEquals(400, e.error().status());
        assertEquals(field, e.error().param());
        assertEquals(true, e.error().message().startsWith(field + ":"), e.error().message());
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
