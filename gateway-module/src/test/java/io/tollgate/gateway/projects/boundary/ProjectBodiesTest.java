package io.tollgate.gateway.projects.boundary;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.binding.AdminBodies;
import io.tollgate.gateway.platform.binding.Bound;
import io.tollgate.gateway.platform.binding.OnCreate;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of the projects resource's request bodies, as the admin API applies them. */
class ProjectBodiesTest {

    @Test
    void aCreateNeedsANameOfOneTo200CharactersAndKeepsItWithoutSurroundingSpaces() {
        assertEquals("Acme", bind("{\"name\":\"  Acme \"}", NameBody.class, OnCreate.class).value().stripped());
        assertEquals(200, bind("{\"name\":\"" + "x".repeat(200) + "\"}", NameBody.class, OnCreate.class).value()
                .stripped().length());

        assertRefused("{}", NameBody.class, "name", "Missing required parameter: 'name'.", OnCreate.class);
        assertRefused("{\"name\":null}", NameBody.class, "name", "Missing required parameter: 'name'.",
                OnCreate.class);
        assertRefused("{\"name\":\" \"}", NameBody.class, "name", "'name' must be 1 to 200 characters.",
                OnCreate.class);
        assertRefused("{\"name\":\"" + "x".repeat(201) + "\"}", NameBody.class, "name",
                "'name' must be 1 to 200 characters.", OnCreate.class);
        assertRefused("{\"name\":7}", NameBody.class, "name", "'name' must be a string.", OnCreate.class);
    }

    @Test
    void aRenameMayLeaveTheNameOutButNotBlankIt() {
        assertNull(bind("{}", NameBody.class).value().stripped());
        assertNull(bind("{\"name\":null}", NameBody.class).value().stripped());
        assertEquals("New", bind("{\"name\":\"New \"}", NameBody.class).value().stripped());

        assertRefused("{\"name\":\"\"}", NameBody.class, "name", "'name' must be 1 to 200 characters.");
        assertRefused("{\"name\":[\"a\"]}", NameBody.class, "name", "'name' must be a string.");
    }

    @Test
    void thePortalsFormsKeepTheSameRule() {
        assertEquals("Acme", ProjectNames.checked(" Acme "));
        ApiException refused = assertThrows(ApiException.class, () -> ProjectNames.checked("\t"));
        assertEquals("'name' must be 1 to 200 characters.", refused.error().message());
        assertEquals("name", refused.error().param());
        assertTrue(AdminBodies.violations(new NameBody("x".repeat(201))).size() == 1);
    }

    @Test
    void keySettingsTellAFieldSentAsNullFromOneLeftOut() {
        Bound<ApiKeyBody> cleared = bind("{\"expires_at\":null,\"allowed_models\":null}", ApiKeyBody.class);
        assertTrue(cleared.has("expires_at"));
        assertTrue(cleared.has("allowed_models"));
        assertNull(cleared.value().expiresAt());
        assertNull(cleared.value().allowedModels());

        Bound<ApiKeyBody> set = bind("{\"expires_at\":4102444800,\"allowed_models\":[\"a\",\"b\",\"a\"]}",
                ApiKeyBody.class);
        assertEquals(4_102_444_800L, set.value().expiresAt());
        assertEquals(List.of("a", "b", "a"), set.value().allowedModels());

        Bound<ApiKeyBody> untouched = bind("{}", ApiKeyBody.class);
        assertFalse(untouched.has("expires_at"));
        assertFalse(untouched.has("allowed_models"));
    }

    @Test
    void keySettingsRefuseWhatIsNoTimeAndNoModelName() {
        assertRefused("{\"expires_at\":0}", ApiKeyBody.class, "expires_at",
                "'expires_at' must be a unix time in seconds, or null.");
        assertRefused("{\"expires_at\":-5}", ApiKeyBody.class, "expires_at",
                "'expires_at' must be a unix time in seconds, or null.");
        assertRefused("{\"expires_at\":\"tomorrow\"}", ApiKeyBody.class, "expires_at",
                "'expires_at' must be an integer.");
        assertRefused("{\"expires_at\":1.5}", ApiKeyBody.class, "expires_at", "'expires_at' must be an integer.");
        assertRefused("{\"allowed_models\":\"demo\"}", ApiKeyBody.class, "allowed_models",
                "'allowed_models' must be an array.");
        assertRefused("{\"allowed_models\":[\"demo\",\" \"]}", ApiKeyBody.class, "allowed_models[1]",
                "'allowed_models[1]' must be a model name.");
        assertRefused("{\"allowed_models\":[\"demo\",null]}", ApiKeyBody.class, "allowed_models[1]",
                "'allowed_models[1]' must be a value, not null.");
        assertRefused("{\"allowed_models\":[3]}", ApiKeyBody.class, "allowed_models[0]",
                "'allowed_models[0]' must be a string.");
    }

    private static <T extends Record> Bound<T> bind(String body, Class<T> type, Class<?>... groups) {
        return AdminBodies.bind(json(body), type, groups);
    }

    private static void assertRefused(String body, Class<? extends Record> type, String param, String message,
                                      Class<?>... groups) {
        ApiException refused = assertThrows(ApiException.class, () -> bind(body, type, groups));
        ApiError error = refused.error();
        assertEquals(400, error.status());
        assertEquals("invalid_request_error", error.type());
        assertEquals(param, error.param(), error.message());
        assertEquals(message, error.message());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
