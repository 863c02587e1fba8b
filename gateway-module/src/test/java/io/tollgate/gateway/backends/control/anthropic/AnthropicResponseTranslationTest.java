package io.tollgate.gateway.backends.control.anthropic;

import io.tollgate.gateway.platform.ApiError;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.tollgate.gateway.backends.control.anthropic.AnthropicRequestTranslationTest.json;
import static io.tollgate.gateway.backends.control.anthropic.AnthropicRequestTranslationTest.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AnthropicResponseTranslationTest {

    private static final long CREATED = 1_750_000_000L;

    @Test
    void answersWithTheMessageTextAsAChatCompletion() {
        JsonObject completion = AnthropicResponseTranslation.completion(object("""
                {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "text", "text": "Hello"}, {"type": "text", "text": ", world."}],
                 "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 12, "output_tokens": 6}}"""), "claude", CREATED);

        assertEquals(json("""
                {"id": "msg_01", "object": "chat.completion", "created": 1750000000, "model": "claude-sonnet-4-5",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello, world.", "refusal": null},
                              "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 12, "completion_tokens": 6, "total_tokens": 18,
                           "prompt_tokens_details": {"cached_tokens": 0}}}"""), completion);
    }

    @Test
    void turnsToolUseBlocksIntoToolCallsWithArgumentsAsAJsonString() {
        JsonObject completion = AnthropicResponseTranslation.completion(object("""
                {"id": "msg_02", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "tool_use", "id": "toolu_01", "name": "get_weather",
                              "input": {"city": "Paris", "unit": "celsius"}}],
                 "stop_reason": "tool_use", "usage": {"input_tokens": 300, "output_tokens": 40}}"""), "claude", CREATED);

        JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
        assertEquals("tool_calls", choice.getString("finish_reason"));
        JsonObject message = choice.getJsonObject("message");
        assertEquals(jakarta.json.JsonValue.NULL, message.get("content"), "no text: content is null, as OpenAI sends");
        assertEquals(json("""
                [{"id": "toolu_01", "type": "function",
                  "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\",\\"unit\\":\\"celsius\\"}"}}]"""),
                message.get("tool_calls"));
    }

    @Test
    void countsCachedInputInThePromptTokens() {
        JsonObject usage = AnthropicResponseTranslation.completion(object("""
                {"id": "msg_03", "type": "message", "content": [], "stop_reason": "max_tokens",
                 "usage": {"input_tokens": 10, "cache_read_input_tokens": 1000, "cache_creation_input_tokens": 200,
                           "output_tokens": 5}}"""), "claude", CREATED).getJsonObject("usage");

        assertEquals(json("""
                {"prompt_tokens": 1210, "completion_tokens": 5, "total_tokens": 1215,
                 "prompt_tokens_details": {"cached_tokens": 1000}}"""), usage);
    }

    @Test
    void mapsEveryStopReasonToAFinishReason() {
        assertEquals("stop", finish("end_turn"));
        assertEquals("stop", finish("stop_sequence"));
        assertEquals("stop", finish("pause_turn"));
        assertEquals("length", finish("max_tokens"));
        assertEquals("length", finish("model_context_window_exceeded"));
        assertEquals("tool_calls", finish("tool_use"));
        assertEquals("content_filter", finish("refusal"));
        assertNull(AnthropicResponseTranslation.finishReason(jakarta.json.JsonValue.NULL));
    }

    @Test
    void usesTheRequestedModelWhenTheMessageNamesNone() {
        byte[] body = "{\"id\":\"msg_04\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}"
                .getBytes(StandardCharsets.UTF_8);

        JsonObject completion = object(new String(AnthropicResponseTranslation.completion(body, "claude-x", CREATED),
                StandardCharsets.UTF_8));

        assertEquals("claude-x", completion.getString("model"));
    }

    @Test
    void translatesAnErrorBodyKeepingTheStatus() {
        ApiError error = AnthropicResponseTranslation.error(400, bytes("""
                {"type": "error", "error": {"type": "invalid_request_error", "message": "max_tokens: too large"},
                 "request_id": "req_011"}"""));

        assertEquals(new ApiError(400, "max_tokens: too large", "invalid_request_error", null, null), error);
        assertEquals("{\"error\":{\"message\":\"max_tokens: too large\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":null}}", error.toJson());
    }

    @Test
    void givesARateLimitOpenAisCodeForIt() {
        ApiError error = AnthropicResponseTranslation.error(429, bytes("""
                {"type": "error", "error": {"type": "rate_limit_error", "message": "Number of requests has exceeded your rate limit"}}"""));

        assertEquals(429, error.status());
        assertEquals("rate_limit_error", error.type());
        assertEquals("rate_limit_exceeded", error.code());
    }

    @Test
    void quotesABodyThatIsNotAnAnthropicError() {
        ApiError error = AnthropicResponseTranslation.error(502, bytes("<html>Bad gateway</html>"));

        assertEquals(new ApiError(502, "The backend answered HTTP 502: <html>Bad gateway</html>", "server_error", null,
                null), error);
        assertEquals("The backend answered HTTP 404.", AnthropicResponseTranslation.error(404, new byte[0]).message());
    }

    private static String finish(String stopReason) {
        return AnthropicResponseTranslation.finishReason(jakarta.json.Json.createValue(stopReason));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
