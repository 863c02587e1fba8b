package io.tollgate.admin.login;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SsoSignInServletTest {

    @Test
    void readsTheClaimsOfAnIdToken() {
        String claims = "{\"sub\":\"s-1\",\"email\":\"ops@example.com\",\"email_verified\":true,\"name\":\"Zoë\"}";
        String token = part("{\"alg\":\"RS256\"}") + "." + part(claims) + ".c2lnbmF0dXJl";

        assertEquals("ops@example.com", SsoSignInServlet.idTokenClaims(token).getString("email"));
        assertEquals("Zoë", SsoSignInServlet.idTokenClaims(token).getString("name"));
    }

    @Test
    void takesOnlyTrueOrTheTextTrueAsAVerifiedAddress() {
        assertTrue(SsoSignInServlet.isTrue(JsonValue.TRUE));
        assertTrue(SsoSignInServlet.isTrue(Json.createValue("true")));
        assertFalse(SsoSignInServlet.isTrue(JsonValue.FALSE));
        assertFalse(SsoSignInServlet.isTrue(Json.createValue("yes")));
        assertFalse(SsoSignInServlet.isTrue(null));
    }

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
