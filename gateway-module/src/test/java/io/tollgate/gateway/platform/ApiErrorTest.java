package io.tollgate.gateway.platform;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiErrorTest {

    @Test
    void writesOpenAisErrorShapeWithNullParamAndCodePresent() {
        JsonObject error = parse(ApiError.internal().toJson()).getJsonObject("error");

        assertEquals(4, error.size());
        assertEquals("server_error", error.getString("type"));
        assertEquals("The server had an error while processing your request. Sorry about that!",
                error.getString("message"));
        assertTrue(error.containsKey("param"));
        assertTrue(error.containsKey("code"));
        assertEquals(JsonValue.NULL, error.get("param"));
        assertEquals(JsonValue.NULL, error.get("code"));
    }

    @Test
    void writesParamAndCodeWhenTheyAreKnown() {
        JsonObject error = parse(ApiError.modelNotFound("gpt-9").toJson()).getJsonObject("error");

        assertEquals("model", error.getString("param"));
        assertEquals("model_not_found", error.getString("code"));
        assertEquals("invalid_request_error", error.getString("type"));
        assertTrue(error.getString("message").contains("`gpt-9`"));
    }

    @Test
    void escapesTheMessageSoItReadsBackUnchanged() {
        String message = "Bad \"quote\", back\\slash and\nnewline — ü";
        ApiError error = ApiError.invalidRequest(message, "messages[0].content");

        JsonObject read = parse(new String(error.toBytes(), StandardCharsets.UTF_8)).getJsonObject("error");

        assertEquals(message, read.getString("message"));
        assertEquals("messages[0].content", read.getString("param"));
    }

    @Test
    void givesEachKindOfErrorItsHttpStatus() {
        assertAll(
                () -> assertEquals(400, ApiError.invalidRequest("x", null).status()),
                () -> assertEquals(401, ApiError.missingKey().status()),
                () -> assertEquals(401, ApiError.invalidKey("****").status()),
                () -> assertEquals(404, ApiError.modelNotFound("m").status()),
                () -> assertEquals(404, ApiError.notFound("x").status()),
                () -> assertEquals(502, ApiError.upstreamFailed("x").status()),
                () -> assertEquals(500, ApiError.internal().status()));
    }

    @Test
    void namesTheRedactedKeyInAnInvalidKeyError() {
        ApiError error = ApiError.invalidKey("sk-tg-****wxyz");

        assertEquals("invalid_api_key", error.code());
        assertTrue(error.message().contains("sk-tg-****wxyz"));
    }

    @Test
    void redactsAGeneratedKeyToItsPrefixAndLastFourCharacters() {
        String key = Secrets.newTenantKey();

        String redacted = ApiError.redact(key);

        assertEquals("sk-tg-****" + key.substring(key.length() - 4), redacted);
        assertFalse(redacted.contains(key.substring(6, key.length() - 4)));
    }

    @Test
    void redactsShortKeysCompletely() {
        assertEquals("****", ApiError.redact("a"));
        assertEquals("****", ApiError.redact("12345678"));
    }

    @Test
    void showsAnEmptyKeyAsEmptyQuotes() {
        assertEquals("''", ApiError.redact(""));
        assertEquals("''", ApiError.redact(null));
    }

    @Test
    void revealsAtMostAQuarterOfAKeyAsLongAsAGeneratedOne() {
        for (int length = Secrets.newTenantKey().length(); length <= 200; length++) {
            String key = "k".repeat(length);
            int shown = ApiError.redact(key).length() - "****".length();
            assertTrue(shown * 4 <= length, "a key of " + length + " characters shows " + shown);
        }
    }

    @Test
    void neverRevealsMostOfAKeyOfAnyLength() {
        for (int length = 1; length <= 200; length++) {
            String key = "k".repeat(length);
            int shown = ApiError.redact(key).replace("****", "").length();
            assertTrue(shown * 2 <= length, "a key of " + length + " characters shows " + shown);
        }
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
