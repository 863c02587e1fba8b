package io.tollgate.gateway.backends.control;

import io.tollgate.gateway.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulator's answer to {@code /embeddings}: one unit vector per input, derived from the input's text so that
 * equal inputs embed equally; {@code dimensions} and {@code encoding_format: base64} as OpenAI defines them.
 */
public final class SimulatedEmbedding {

    static final int DEFAULT_DIMENSIONS = 256;

    private SimulatedEmbedding() {
    }

    public static byte[] body(JsonObject request) {
        String model = request.getString("model", "simulator");
        int dimensions = request.get("dimensions") instanceof JsonNumber n && n.isIntegral() && n.intValue() > 0
                ? Math.min(n.intValue(), 8192) : DEFAULT_DIMENSIONS;
        boolean base64 = "base64".equals(request.getString("encoding_format", "float"));
        List<String> inputs = inputs(request.get("input"));
        JsonArrayBuilder data = Jsonp.PROVIDER.createArrayBuilder();
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String text = inputs.get(i);
            tokens += Math.max(1, (text.length() + 3) / 4);
            float[] vector = vector(text, dimensions);
            var item = Jsonp.PROVIDER.createObjectBuilder().add("object", "embedding").add("index", i);
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(4 * dimensions).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : vector) {
                    bytes.putFloat(f);
                }
                item.add("embedding", Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                JsonArrayBuilder values = Jsonp.PROVIDER.createArrayBuilder();
                for (float f : vector) {
                    values.add(f);
                }
                item.add("embedding", values);
            }
            data.add(item);
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("object", "list").add("data", data).add("model", model)
                .add("usage", Jsonp.PROVIDER.createObjectBuilder().add("prompt_tokens", tokens).add("total_tokens", tokens))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A string, an array of strings, an array of token ids, or an array of such arrays. */
    static List<String> inputs(JsonValue input) {
        List<String> out = new ArrayList<>();
        if (input instanceof JsonString s) {
            out.add(s.getString());
        } else if (input instanceof JsonArray array) {
            boolean tokenIds = !array.isEmpty() && array.get(0) instanceof JsonNumber;
            if (tokenIds) {
                out.add(array.toString());
            } else {
                for (JsonValue v : array) {
                    out.add(v instanceof JsonString s ? s.getString() : v.toString());
                }
            }
        }
        return out;
    }

    static float[] vector(String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(text.hashCode());
        float[] v = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) {
            v[i] *= scale;
        }
        return v;
    }
}
