package io.tollgate.gateway.backends.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SimulatedEmbeddingTest {

    private static JsonObject answer(String request) {
        byte[] body = SimulatedEmbedding.body(Json.createReader(new StringReader(request)).readObject());
        return Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
    }

    @Test
    void embedsEachInputAsAUnitVectorOfTheAskedDimensions() {
        JsonObject body = answer("{\"model\":\"e\",\"input\":[\"a\",\"b\"],\"dimensions\":8}");
        assertEquals("list", body.getString("object"));
        assertEquals(2, body.getJsonArray("data").size());
        var first = body.getJsonArray("data").getJsonObject(0).getJsonArray("embedding");
        assertEquals(8, first.size());
        double norm = first.stream().mapToDouble(v -> Math.pow(((jakarta.json.JsonNumber) v).doubleValue(), 2)).sum();
        assertEquals(1.0, norm, 1e-4);
        assertEquals(1, body.getJsonArray("data").getJsonObject(1).getInt("index"));
        assertEquals(body.getJsonObject("usage").getInt("prompt_tokens"), body.getJsonObject("usage").getInt("total_tokens"));
    }

    @Test
    void embedsEqualTextsEquallyAndDifferentTextsDifferently() {
        assertArrayEquals(SimulatedEmbedding.vector("same", 16), SimulatedEmbedding.vector("same", 16));
        assertNotEquals(SimulatedEmbedding.vector("one", 16)[0], SimulatedEmbedding.vector("two", 16)[0]);
    }

    @Test
    void encodesBase64AsLittleEndianFloats() {
        JsonObject body = answer("{\"model\":\"e\",\"input\":\"hello\",\"dimensions\":4,\"encoding_format\":\"base64\"}");
        byte[] raw = Base64.getDecoder().decode(body.getJsonArray("data").getJsonObject(0).getString("embedding"));
        assertEquals(16, raw.length);
        float[] expected = SimulatedEmbedding.vector("hello", 4);
        ByteBuffer floats = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : expected) {
            assertEquals(f, floats.getFloat());
        }
    }
}
