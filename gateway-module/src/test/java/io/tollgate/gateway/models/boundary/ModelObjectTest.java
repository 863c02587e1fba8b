package io.tollgate.gateway.models.boundary;

import io.tollgate.gateway.platform.binding.AdminJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** OpenAI's model and model list objects, field for field: the list has no paging fields. */
class ModelObjectTest {

    @Test
    void aModelIsOwnedByTollgate() {
        assertSameJson("{\"id\":\"demo\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"tollgate\"}",
                ModelObject.of("demo", 1_700_000_000L));
    }

    @Test
    void theListIsOpenAisPlainList() {
        assertSameJson("{\"object\":\"list\",\"data\":[{\"id\":\"a\",\"object\":\"model\",\"created\":5,"
                + "\"owned_by\":\"tollgate\"},{\"id\":\"b\",\"object\":\"model\",\"created\":5,"
                + "\"owned_by\":\"tollgate\"}]}", ModelList.of(List.of(ModelObject.of("a", 5), ModelObject.of("b", 5))));
        assertSameJson("{\"object\":\"list\",\"data\":[]}", ModelList.of(List.of()));
    }

    private static void assertSameJson(String expected, Object actual) {
        String json = AdminJson.JSONB.toJson(actual);
        assertEquals(read(expected), read(json), json);
    }

    private static JsonObject read(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
