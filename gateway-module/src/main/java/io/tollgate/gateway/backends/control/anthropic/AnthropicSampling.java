package io.tollgate.gateway.backends.control.anthropic;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.math.BigDecimal;

/** How a chat completions request's generation settings (length, stops, sampling, user) read in Anthropic's terms. */
final class AnthropicSampling {

    private static final JsonProvider JSON = JsonProvider.provider();
    /** Anthropic requires max_tokens; OpenAI lets a client leave it out. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private static final BigDecimal ANTHROPIC_MAX_TEMPERATURE = BigDecimal.ONE;

    private AnthropicSampling() {
    }

    static void copy(JsonObject chat, boolean stream, JsonObjectBuilder out) {
        out.add("max_tokens", maxTokens(chat));
        stopSequences(chat.get("stop"), out);
        if (chat.get("temperature") instanceof JsonNumber t) {
            // OpenAI accepts up to 2, Anthropic up to 1: the nearest temperature Anthropic takes.
            out.add("temperature", t.bigDecimalValue().compareTo(ANTHROPIC_MAX_TEMPERATURE) > 0
                    ? JSON.createValue(ANTHROPIC_MAX_TEMPERATURE) : t);
        }
        if (chat.get("top_p") instanceof JsonNumber p) {
            out.add("top_p", p);
        }
        if (stream) {
            out.add("stream", true);
        }
        String user = chat.get("user") instanceof JsonString u ? u.getString()
                : chat.get("safety_identifier") instanceof JsonString s ? s.getString() : null;
        if (user != null && !user.isBlank()) {
            out.add("metadata", JSON.createObjectBuilder().add("user_id", user));
        }
    }

    static int maxTokens(JsonObject chat) {
        for (String field : new String[]{"max_completion_tokens", "max_tokens"}) {
            if (chat.get(field) instanceof JsonNumber n && n.isIntegral()) {
                return (int) Math.min(Integer.MAX_VALUE, Math.max(0, n.longValue()));
            }
        }
        return DEFAULT_MAX_TOKENS;
    }

    private static void stopSequences(JsonValue stop, JsonObjectBuilder out) {
        JsonArrayBuilder sequences = JSON.createArrayBuilder();
        int count = 0;
        if (stop instanceof JsonString s) {
            sequences.add(s);
            count++;
        } else if (stop instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    sequences.add(s);
                    count++;
                }
            }
        }
        if (count > 0) {
            out.add("stop_sequences", sequences);
        }
    }
}
