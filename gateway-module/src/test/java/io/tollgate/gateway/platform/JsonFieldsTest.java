package io.tollgate.gateway.platform;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.StringReader;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFieldsTest {

    @Test
    void acceptsAnObjectAsTheBody() {
        JsonObject body = json("{\"model\":\"m\"}");

        assertSame(body, JsonFields.object(body));
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        for (JsonValue body : new JsonValue[]{Json.createArrayBuilder().build(), Json.createValue("text"),
                JsonValue.NULL, null}) {
            ApiError error = refused(() -> JsonFields.object(body));
            assertEquals("The request body must be a JSON object.", error.message());
            assertEquals(null, error.param());
        }
    }

    @Test
    void readsARequiredString() {
        assertEquals("gpt-4o", JsonFields.requiredString(json("{\"model\":\"gpt-4o\"}"), "model", "model"));
    }

    @Test
    void reportsAMissingRequiredStringUnderItsParamName() {
        for (String body : new String[]{"{}", "{\"model\":null}", "{\"model\":\"\"}", "{\"model\":\"  \"}"}) {
            ApiError error = refused(() -> JsonFields.requiredString(json(body), "model", "models[2].model"));
            assertEquals("models[2].model", error.param(), body);
            assertEquals("Missing required parameter: 'models[2].model'.", error.message(), body);
        }
    }

    @Test
    void refusesANumberWhereAStringBelongs() {
        ApiError error = refused(() -> JsonFields.optionalString(json("{\"name\":42}"), "name", "name"));

        assertEquals("name", error.param());
        assertEquals("'name' must be a string.", error.message());
    }

    @Test
    void treatsAnAbsentOrNullOptionalStringAsEmpty() {
        assertEquals(Optional.empty(), JsonFields.optionalString(json("{}"), "name", "name"));
        assertEquals(Optional.empty(), JsonFields.optionalString(json("{\"name\":null}"), "name", "name"));
        assertEquals(Optional.of(""), JsonFields.optionalString(json("{\"name\":\"\"}"), "name", "name"));
    }

    @Test
    void readsIntegersAtBothEndsOfTheRange() {
        assertEquals(Optional.of(1), JsonFields.optionalInt(json("{\"n\":1}"), "n", "n", 1, 10));
        assertEquals(Optional.of(10), JsonFields.optionalInt(json("{\"n\":10}"), "n", "n", 1, 10));
        assertEquals(Optional.empty(), JsonFields.optionalInt(json("{}"), "n", "n", 1, 10));
        assertEquals(Optional.empty(), JsonFields.optionalInt(json("{\"n\":null}"), "n", "n", 1, 10));
    }

    @Test
    void refusesIntegersOutsideTheRangeNamingTheBounds() {
        for (String value : new String[]{"0", "11", "-5"}) {
            ApiError error = refused(() -> JsonFields.optionalInt(json("{\"n\":" + value + "}"), "n", "weight", 1, 10));
            assertEquals("weight", error.param(), value);
            assertEquals("'weight' must be an integer from 1 to 10.", error.message(), value);
        }
    }

    @Test
    void refusesFractionsStringsAndBooleansWhereAnIntegerBelongs() {
        for (String value : new String[]{"2.5", "\"5\"", "true", "[5]"}) {
            ApiError error = refused(() -> JsonFields.optionalInt(json("{\"n\":" + value + "}"), "n", "n", 0, 100));
            assertEquals("n", error.param(), value);
        }
    }

    @Test
    void refusesNumbersTooLargeForALongInsteadOfWrappingThemIntoRange() {
        // 2^64 + 5 wraps to 5 as a long; it must still be refused.
        ApiError error = refused(() -> JsonFields.optionalInt(json("{\"n\":18446744073709551621}"), "n", "n", 0, 100));

        assertEquals("n", error.param());
    }

    @Test
    void readsBooleans() {
        assertEquals(Optional.of(true), JsonFields.optionalBoolean(json("{\"b\":true}"), "b", "b"));
        assertEquals(Optional.of(false), JsonFields.optionalBoolean(json("{\"b\":false}"), "b", "b"));
        assertEquals(Optional.empty(), JsonFields.optionalBoolean(json("{}"), "b", "b"));
        assertEquals(Optional.empty(), JsonFields.optionalBoolean(json("{\"b\":null}"), "b", "b"));
    }

    @Test
    void refusesStringsAndNumbersWhereABooleanBelongs() {
        for (String value : new String[]{"\"true\"", "1", "0"}) {
            ApiError error = refused(() -> JsonFields.optionalBoolean(json("{\"b\":" + value + "}"), "b", "enabled"));
            assertEquals("enabled", error.param(), value);
            assertEquals("'enabled' must be true or false.", error.message());
        }
    }

    static ApiError refused(Executable call) {
        ApiError error = assertThrows(ApiException.class, call).error();
        assertEquals(400, error.status());
        assertEquals("invalid_request_error", error.type());
        assertTrue(error.message().length() > 0);
        return error;
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
