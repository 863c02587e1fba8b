package io.tollgate.gateway.usage.control;

import io.tollgate.gateway.completion.control.CompletionFinished;
import io.tollgate.gateway.completion.control.Usage;
import io.tollgate.gateway.platform.Jsonp;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class AccessLineTest {

    private static JsonObject parse(String line) {
        try (var reader = Jsonp.PROVIDER.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }

    @Test
    void isOneJsonObjectWithEveryField() {
        var f = new CompletionFinished("proj_1", "key_1", "gpt-x", "vllm-a", 200, true, false,
                new Usage(12, 0, 20, true), 1_234_000_000L, 56_000_000L);
        JsonObject line = parse(UsageMeter.accessLine(f, "req-1"));
        assertEquals("request", line.getString("event"));
        assertEquals("req-1", line.getString("request_id"));
        assertEquals("proj_1", line.getString("project_id"));
        assertEquals("key_1", line.getString("api_key_id"));
        assertEquals("gpt-x", line.getString("model"));
        assertEquals("vllm-a", line.getString("backend"));
        assertEquals(200, line.getInt("status"));
        assertEquals(1234, line.getInt("latency_ms"));
        assertEquals(56, line.getInt("ttft_ms"));
        assertEquals(true, line.getBoolean("streamed"));
        assertEquals(false, line.getBoolean("client_disconnected"));
        assertEquals(12, line.getInt("prompt_tokens"));
        assertEquals(20, line.getInt("completion_tokens"));
        assertEquals(true, line.getBoolean("usage_estimated"));
    }

    @Test
    void escapesWhatTheClientSent() {
        String hostile = "a\"b\\c\nd\te\u0001f\u2028";
        var f = new CompletionFinished("proj_1", null, hostile, null, 499, false, true, null, 0, 0);
        String text = UsageMeter.accessLine(f, hostile);
        assertFalse(text.contains("\n"), "one line");
        JsonObject line = parse(text);
        assertEquals(hostile, line.getString("request_id"));
        assertEquals(hostile, line.getString("model"));
        assertEquals("", line.getString("api_key_id"));
        assertEquals("", line.getString("backend"));
        assertFalse(line.containsKey("prompt_tokens"));
    }
}
