package io.tollgate.gateway.usage.control;

import io.tollgate.gateway.admission.control.Reservation;
import io.tollgate.gateway.backends.control.Price;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.inference.control.CallFinished;
import io.tollgate.gateway.tokens.Usage;
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
        var vllm = new Deployment("b_1", "vllm-a", "gpt-x-8b", 1, null, Price.FREE, "self_hosted", 1, false);
        var f = new CallFinished("req-1", "proj_1", "key_1", "gpt-x", "completions", vllm, 200, true, false,
                new Usage(12, 0, 20, true), Price.FREE, 0, 1_234_000_000L, 56_000_000L, 78_000_000L, Reservation.NONE, 2,
                "4bf92f3577b34da6a3ce929d0e0e4736");
        JsonObject line = parse(UsageMeter.accessLine(f));
        assertEquals("request", line.getString("event"));
        assertEquals("req-1", line.getString("request_id"));
        assertEquals("proj_1", line.getString("project_id"));
        assertEquals("key_1", line.getString("api_key_id"));
        assertEquals("gpt-x", line.getString("model"));
        assertEquals("vllm-a", line.getString("backend"));
        assertEquals(200, line.getInt("status"));
        assertEquals(1234, line.getInt("latency_ms"));
        assertEquals(78, line.getInt("ttft_ms"), "time to the first token, not the first byte");
        assertEquals(true, line.getBoolean("streamed"));
        assertEquals(false, line.getBoolean("client_disconnected"));
        assertEquals(12, line.getInt("prompt_tokens"));
        assertEquals(20, line.getInt("completion_tokens"));
        assertEquals(true, line.getBoolean("usage_estimated"));
        assertEquals(2, line.getInt("attempts"));
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", line.getString("trace_id"));
    }

    @Test
    void escapesWhatTheClientSent() {
        String hostile = "a\"b\\c\nd\te\u0001f\u2028";
        var f = new CallFinished(hostile, "proj_1", null, hostile, "completions", null, 499, false, true, null,
                Price.FREE, 0, 0, 0, 0, Reservation.NONE, 1, "");
        String text = UsageMeter.accessLine(f);
        assertFalse(text.contains("\n"), "one line");
        assertFalse(text.contains("trace_id"), "no trace id for an untraced call");
        JsonObject line = parse(text);
        assertEquals(hostile, line.getString("request_id"));
        assertEquals(hostile, line.getString("model"));
        assertEquals("", line.getString("api_key_id"));
        assertEquals("", line.getString("backend"));
        assertFalse(line.containsKey("prompt_tokens"));
    }
}
