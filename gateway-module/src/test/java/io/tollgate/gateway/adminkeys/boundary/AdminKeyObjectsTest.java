package io.tollgate.gateway.adminkeys.boundary;

import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.binding.AdminBodies;
import io.tollgate.gateway.platform.binding.AdminJson;
import io.tollgate.persistence.admins.AdminApiKey;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** organization.admin_api_key on the wire, field for field, and the rules of a create's body. */
class AdminKeyObjectsTest {

    private static final Instant CREATED = Instant.ofEpochSecond(1_700_000_000);
    private static final String OWNER = "\"owner\":{\"type\":\"service_account\",\"object\":\"organization.service_account\","
            + "\"id\":\"tollgate\",\"name\":\"Tollgate\",\"created_at\":1700000000,\"role\":\"owner\"}";

    @Test
    void aListedKeyHasExplicitNullsForWhatIsUnsetAndNoValue() {
        AdminApiKey key = new AdminApiKey("key_1", "ops", new byte[32], "sk-tgadm-abc", CREATED);

        assertSameJson("{\"object\":\"organization.admin_api_key\",\"id\":\"key_1\",\"name\":\"ops\","
                + "\"redacted_value\":\"sk-tgadm-abc\",\"created_at\":1700000000,\"expires_at\":null,"
                + "\"last_used_at\":null," + OWNER + "}", AdminKeyObject.of(key));
    }

    @Test
    void aCreatedKeyShowsItsValueAndExpiry() {
        AdminApiKey key = new AdminApiKey("key_1", "ops", new byte[32], "sk-tgadm-abc", CREATED)
                .expiringAt(CREATED.plusSeconds(60));

        assertSameJson("{\"object\":\"organization.admin_api_key\",\"id\":\"key_1\",\"name\":\"ops\","
                + "\"redacted_value\":\"sk-tgadm-abc\",\"created_at\":1700000000,\"expires_at\":1700000060,"
                + "\"last_used_at\":null," + OWNER + ",\"value\":\"sk-tgadm-secret\"}",
                AdminKeyObject.of(key, "sk-tgadm-secret"));
    }

    @Test
    void aCreateNeedsANameAndAtMostAYearOfLife() {
        AdminKeyBody body = bind("{\"name\":\"ops\",\"expires_in_seconds\":31536000}");
        assertEquals("ops", body.name());
        assertEquals(31_536_000, body.expiresInSeconds());
        assertNull(bind("{\"name\":\"ops\",\"expires_in_seconds\":null}").expiresInSeconds());

        assertRefused("{}", "name", "Missing required parameter: 'name'.");
        assertRefused("{\"name\":null}", "name", "Missing required parameter: 'name'.");
        assertRefused("{\"name\":true}", "name", "'name' must be a string.");
        assertRefused("{\"name\":\"" + "x".repeat(201) + "\"}", "name", "'name' must be at most 200 characters.");
        assertRefused("{\"name\":\"ops\",\"expires_in_seconds\":0}", "expires_in_seconds",
                "'expires_in_seconds' must be an integer from 1 to 31536000.");
        assertRefused("{\"name\":\"ops\",\"expires_in_seconds\":31536001}", "expires_in_seconds",
                "'expires_in_seconds' must be an integer from 1 to 31536000.");
        assertRefused("{\"name\":\"ops\",\"expires_in_seconds\":\"60\"}", "expires_in_seconds",
                "'expires_in_seconds' must be an integer from 1 to 31536000.");
        assertEquals("name", assertThrows(ApiException.class, () -> bind("{\"name\":\"  \"}")).error().param());
    }

    private static AdminKeyBody bind(String body) {
        return AdminBodies.bind(read(body), AdminKeyBody.class).value();
    }

    private static void assertRefused(String body, String param, String message) {
        ApiException refused = assertThrows(ApiException.class, () -> bind(body));
        assertEquals(400, refused.error().status());
        assertEquals(param, refused.error().param(), refused.error().message());
        assertEquals(message, refused.error().message());
    }

    private static void assertSameJson(String expected, Object actual) {
        String json = AdminJson.JSONB.toJson(actual);
        assertEquals(read(expected), read(json), json);
    }

    private static JsonObject read(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
