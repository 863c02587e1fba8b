package io.tollgate.gateway.messages.control;

import io.tollgate.gateway.platform.ApiError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.tollgate.gateway.messages.control.AnthropicInboundTranslationTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageTranslationTest {

    @Test
    void answersAChatCompletionAsAMessageWithTextToolUseAndUsage() {
        String completion = """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"upstream-name","choices":[{"index":0,
                  "message":{"role":"assistant","content":"Checking.","tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":30,"completion_tokens":7,"total_tokens":37,"prompt_tokens_details":{"cached_tokens":10}}}""";

        byte[] message = MessageTranslation.body(completion.getBytes(StandardCharsets.UTF_8), "demo");

        assertEquals(json("""
                {"id":"msg_chatcmpl-1","type":"message","role":"assistant","model":"demo",
                 "content":[{"type":"text","text":"Checking."},
                   {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":10,"output_tokens":7}}"""),
                json(new String(message, StandardCharsets.UTF_8)));
    }

    @Test
    void mapsFinishReasonsToStopReasons() {
        assertEquals("end_turn", MessageTranslation.stopReason("stop"));
        assertEquals("max_tokens", MessageTranslation.stopReason("length"));
        assertEquals("tool_use", MessageTranslation.stopReason("tool_calls"));
        assertEquals("refusal", MessageTranslation.stopReason("content_filter"));
        assertEquals("end_turn", MessageTranslation.stopReason(null));
    }

    @Test
    void shapesTollgateErrorsByStatusAsAnthropicDoes() {
        int[] statuses = {400, 401, 403, 404, 413, 429, 500, 502, 529, 405};
        String[] types = {"invalid_request_error", "authentication_error", "permission_error", "not_found_error",
                "request_too_large", "rate_limit_error", "api_error", "api_error", "overloaded_error",
                "invalid_request_error"};
        for (int i = 0; i < statuses.length; i++) {
            byte[] body = AnthropicDialect.INSTANCE.errorBody(new ApiError(statuses[i], "nope", "x", null, null));
            assertEquals(json("{\"type\":\"error\",\"error\":{\"type\":\"" + types[i] + "\",\"message\":\"nope\"}}"),
                    json(new String(body, StandardCharsets.UTF_8)), "status " + statuses[i]);
        }
        assertEquals("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"timeout_error\",\"message\":\"slow\"}}\n\n",
                new String(AnthropicDialect.INSTANCE.streamErrorEvent(new ApiError(504, "slow", "server_error", null, null)),
                        StandardCharsets.UTF_8));
    }

    @Test
    void turnsARelayedOpenAiErrorBodyIntoAnAnthropicOne() {
        assertEquals(json("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"),
                relayed("{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"));
        assertEquals(json("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}"),
                relayed("{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":\"x\",\"code\":null}}"));
        assertEquals(json("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"gone\"}}"),
                relayed("{\"error\":{\"message\":\"gone\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}"));
        assertEquals("not json", new String(MessageTranslation.body("not json".getBytes(StandardCharsets.UTF_8), "m"),
                StandardCharsets.UTF_8));
    }

    private static jakarta.json.JsonObject relayed(String openAiError) {
        var transform = AnthropicDialect.INSTANCE.responseTransform(false, "demo", json("{}"), () -> 0);
        transform.accept(java.util.List.of(java.nio.ByteBuffer.wrap(openAiError.getBytes(StandardCharsets.UTF_8))));
        var out = transform.finish().get(0);
        return json(StandardCharsets.UTF_8.decode(out).toString());
    }
}
