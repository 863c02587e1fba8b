package io.tollgate.gateway.messages.control;

import io.tollgate.gateway.dialect.ClientDialect;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Every refusal kind, written by both dialects: the same refusal, each in its own API's shape. */
class RefusalDialectsTest {

    /** Anthropic's error type for each status Tollgate refuses with (its API's table). */
    private static final Map<Integer, String> ANTHROPIC_TYPES = Map.ofEntries(
            Map.entry(400, "invalid_request_error"), Map.entry(401, "authentication_error"),
            Map.entry(403, "permission_error"), Map.entry(404, "not_found_error"),
            Map.entry(405, "invalid_request_error"), Map.entry(408, "invalid_request_error"),
            Map.entry(409, "invalid_request_error"), Map.entry(413, "request_too_large"),
            Map.entry(429, "rate_limit_error"), Map.entry(500, "api_error"), Map.entry(502, "api_error"),
            Map.entry(503, "api_error"), Map.entry(504, "timeout_error"));

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void eachDialectWritesTheSameRefusalInItsOwnShape(Refusal refusal) {
        ApiError error = refusal.error("refused: " + refusal);

        JsonObject openAi = json(ClientDialect.OPENAI.errorBody(error)).getJsonObject("error");
        assertEquals("refused: " + refusal, openAi.getString("message"));
        assertEquals(refusal.type(), openAi.getString("type"));
        assertEquals(refusal.code(), openAi.isNull("code") ? null : openAi.getString("code"));

        JsonObject anthropic = json(AnthropicDialect.INSTANCE.errorBody(error));
        assertEquals("error", anthropic.getString("type"));
        assertEquals(ANTHROPIC_TYPES.get(refusal.status()), anthropic.getJsonObject("error").getString("type"));
        assertEquals("refused: " + refusal, anthropic.getJsonObject("error").getString("message"));

        // Status, headers and metric label come from the one value, whichever dialect writes it.
        assertEquals(refusal.status(), error.status());
        assertSame(refusal, error.refusal());
    }

    @Test
    void everyKindIsCountedUnderALabelOfItsOwn() {
        Set<String> labels = Arrays.stream(Refusal.values()).map(Refusal::metricLabel).collect(Collectors.toSet());
        assertEquals(Refusal.values().length, labels.size());
    }

    @Test
    void onlyTheRefusalsThatLeaveABodyUnreadOrSendTheClientElsewhereCloseTheConnection() {
        Set<Refusal> closing = Arrays.stream(Refusal.values()).filter(Refusal::closesConnection)
                .collect(Collectors.toSet());
        assertEquals(Set.of(Refusal.BODY_TIMEOUT, Refusal.BODY_TOO_LARGE, Refusal.DRAINING), closing);
    }

    private static JsonObject json(byte[] body) {
        try (var reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject();
        }
    }
}
