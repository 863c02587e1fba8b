package io.tollgate.gateway.backends.control.anthropic;

import io.tollgate.gateway.platform.ApiError;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnthropicRequestTranslationTest {

    @Test
    void movesSystemAndDeveloperMessagesToTheTopLevelSystemPrompt() {
        JsonObject out = translate("""
                {"model": "claude-sonnet-4-5", "messages": [
                  {"role": "system", "content": "You are terse."},
                  {"role": "user", "content": "Hi"}]}""");

        assertEquals(json("""
                {"model": "claude-sonnet-4-5", "system": "You are terse.",
                 "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4096}"""), out);
    }

    @Test
    void keepsSeveralSystemPartsApartAsTextBlocks() {
        JsonObject out = translate("""
                {"model": "m", "messages": [
                  {"role": "system", "content": "Be kind."},
                  {"role": "developer", "content": [{"type": "text", "text": "Answer in French."}]},
                  {"role": "user", "content": "Hi"}]}""");

        assertEquals(json("""
                [{"type": "text", "text": "Be kind."}, {"type": "text", "text": "Answer in French."}]"""),
                out.get("system"));
    }

    @Test
    void requiresMaxTokensPreferringMaxCompletionTokens() {
        assertEquals(4096, translate("{\"model\":\"m\",\"messages\":[]}").getInt("max_tokens"));
        assertEquals(100, translate("{\"model\":\"m\",\"messages\":[],\"max_tokens\":100}").getInt("max_tokens"));
        assertEquals(50, translate("{\"model\":\"m\",\"messages\":[],\"max_tokens\":100,\"max_completion_tokens\":50}")
                .getInt("max_tokens"));
    }

    @Test
    void mapsSamplingStopUserAndStreamAndDropsWhatAnthropicLacks() {
        JsonObject out = AnthropicRequestTranslation.messagesRequest(object("""
                {"model": "m", "messages": [{"role": "user", "content": "Hi"}], "temperature": 0.5, "top_p": 0.9,
                 "stop": ["\\n\\n", "END"], "user": "user-42", "stream": true,
                 "stream_options": {"include_usage": true}, "n": 1, "seed": 7, "presence_penalty": 0.1,
                 "frequency_penalty": 0.2, "logprobs": true, "response_format": {"type": "text"}}"""), true);

        assertEquals(json("""
                {"model": "m", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4096,
                 "stop_sequences": ["\\n\\n", "END"], "temperature": 0.5, "top_p": 0.9, "stream": true,
                 "metadata": {"user_id": "user-42"}}"""), out);
    }

    @Test
    void turnsASingleStopStringIntoAListAndCapsTemperatureAtAnthropicsMaximum() {
        JsonObject out = translate("""
                {"model": "m", "messages": [], "stop": "END", "temperature": 1.7}""");

        assertEquals(json("[\"END\"]"), out.get("stop_sequences"));
        assertEquals(1, out.getJsonNumber("temperature").intValue());
    }

    @Test
    void translatesFunctionToolsAndEveryToolChoice() {
        String tools = """
                "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather now",
                  "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}},
                  {"type": "function", "function": {"name": "now"}}]""";

        JsonObject out = translate("{\"model\":\"m\",\"messages\":[]," + tools + "}");

        assertEquals(json("""
                [{"name": "get_weather", "description": "Weather now",
                  "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
                 {"name": "now", "input_schema": {"type": "object", "properties": {}}}]"""), out.get("tools"));
        assertFalse(out.containsKey("tool_choice"));
        assertEquals(json("{\"type\":\"auto\"}"), choice(tools, "\"auto\""));
        assertEquals(json("{\"type\":\"none\"}"), choice(tools, "\"none\""));
        assertEquals(json("{\"type\":\"any\"}"), choice(tools, "\"required\""));
        assertEquals(json("{\"type\":\"tool\",\"name\":\"now\"}"),
                choice(tools, "{\"type\":\"function\",\"function\":{\"name\":\"now\"}}"));
        assertEquals(json("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"),
                choice(tools, "\"required\",\"parallel_tool_calls\":false"));
    }

    @Test
    void dropsAToolChoiceThatComesWithoutTools() {
        assertFalse(translate("{\"model\":\"m\",\"messages\":[],\"tool_choice\":\"required\"}").containsKey("tool_choice"));
    }

    @Test
    void turnsToolCallsIntoToolUseAndMergesConsecutiveToolResultsIntoOneUserTurn() {
        JsonObject out = translate("""
                {"model": "m", "messages": [
                  {"role": "user", "content": "Weather in Paris and Rome?"},
                  {"role": "assistant", "content": "", "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
                    {"id": "call_2", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Rome\\"}"}}]},
                  {"role": "tool", "tool_call_id": "call_1", "content": "18 °C"},
                  {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "24 °C"}]},
                  {"role": "user", "content": "Thanks. Which is warmer?"}]}""");

        assertEquals(json("""
                [{"role": "user", "content": "Weather in Paris and Rome?"},
                 {"role": "assistant", "content": [
                   {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Paris"}},
                   {"type": "tool_use", "id": "call_2", "name": "get_weather", "input": {"city": "Rome"}}]},
                 {"role": "user", "content": [
                   {"type": "tool_result", "tool_use_id": "call_1", "content": "18 °C"},
                   {"type": "tool_result", "tool_use_id": "call_2", "content": [{"type": "text", "text": "24 °C"}]},
                   {"type": "text", "text": "Thanks. Which is warmer?"}]}]"""), out.get("messages"));
    }

    @Test
    void keepsAssistantTextBeforeItsToolCalls() {
        JsonObject out = translate("""
                {"model": "m", "messages": [{"role": "assistant", "content": "Let me look.", "tool_calls": [
                  {"id": "call_1", "type": "function", "function": {"name": "now", "arguments": ""}}]}]}""");

        assertEquals(json("""
                [{"role": "assistant", "content": [{"type": "text", "text": "Let me look."},
                  {"type": "tool_use", "id": "call_1", "name": "now", "input": {}}]}]"""), out.get("messages"));
    }

    @Test
    void translatesTextAndImagePartsByUrlAndByBase64() {
        JsonObject out = translate("""
                {"model": "m", "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "What is in these?"},
                  {"type": "image_url", "image_url": {"url": "https://example.test/cat.png", "detail": "high"}},
                  {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,/9j/4AAQ"}}]}]}""");

        assertEquals(json("""
                [{"role": "user", "content": [{"type": "text", "text": "What is in these?"},
                  {"type": "image", "source": {"type": "url", "url": "https://example.test/cat.png"}},
                  {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQ"}}]}]"""),
                out.get("messages"));
    }

    @Test
    void mergesConsecutiveUserMessagesIntoOneTurn() {
        JsonObject out = translate("""
                {"model": "m", "messages": [{"role": "user", "content": "One."}, {"role": "user", "content": "Two."}]}""");

        assertEquals(json("""
                [{"role": "user", "content": [{"type": "text", "text": "One."}, {"type": "text", "text": "Two."}]}]"""),
                out.get("messages"));
    }

    @Test
    void refusesWhatAnthropicCannotExpressNamingTheParameter() {
        assertRefused("""
                {"model": "m", "messages": [{"role": "user", "content": [
                  {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}}]}]}""",
                "messages[0].content[0].type");
        assertRefused("""
                {"model": "m", "messages": [{"role": "user", "content": [
                  {"type": "image_url", "image_url": {"url": "ftp://example.test/cat.png"}}]}]}""",
                "messages[0].content[0].image_url.url");
        assertRefused("{\"model\":\"m\",\"messages\":[{\"role\":\"function\",\"name\":\"f\",\"content\":\"x\"}]}",
                "messages[0].role");
        assertRefused("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}",
                "messages[0].tool_call_id");
        assertRefused("""
                {"model": "m", "messages": [{"role": "assistant", "tool_calls": [
                  {"id": "c", "type": "function", "function": {"name": "f", "arguments": "not json"}}]}]}""",
                "messages[0].tool_calls[0].function.arguments");
        assertRefused("{\"model\":\"m\",\"messages\":[],\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}]}",
                "tools[0]");
    }

    private static void assertRefused(String request, String param) {
        var refused = assertThrows(AnthropicRequestTranslation.Untranslatable.class, () -> translate(request));
        ApiError error = refused.error();
        assertEquals(400, error.status());
        assertEquals("invalid_request_error", error.type());
        assertEquals(param, error.param(), error.message());
    }

    private static JsonObject choice(String tools, String toolChoice) {
        return translate("{\"model\":\"m\",\"messages\":[]," + tools + ",\"tool_choice\":" + toolChoice + "}")
                .getJsonObject("tool_choice");
    }

    private static JsonObject translate(String chat) {
        return AnthropicRequestTranslation.messagesRequest(object(chat), false);
    }

    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    static JsonObject object(String text) {
        return json(text).asJsonObject();
    }
}
