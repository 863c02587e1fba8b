package io.tollgate.gateway.completion.control;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Locale;

/**
 * Counts tokens when an upstream reports no usage. OpenAI-family models (gpt-*, o1/o3/o4, text-embedding-*) get
 * their real BPE (o200k_base or cl100k_base); other families get cl100k_base as the documented estimate — open
 * models' tokenizers differ, typically by well under 20% on English text. Either way the count is marked estimated.
 */
public final class TokenCounter {

    /** OpenAI's chat framing: tokens per message and for priming the reply. */
    static final int TOKENS_PER_MESSAGE = 3;
    static final int REPLY_PRIMING = 3;

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private TokenCounter() {
    }

    static Encoding encodingFor(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        boolean o200k = m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-5") || m.startsWith("o1")
                || m.startsWith("o3") || m.startsWith("o4") || m.startsWith("chatgpt-4o");
        return REGISTRY.getEncoding(o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE);
    }

    public static int count(String model, String text) {
        return text == null || text.isEmpty() ? 0 : encodingFor(model).countTokensOrdinary(text);
    }

    /** Prompt tokens of a chat request (messages), a completion (prompt) or an embedding (input). */
    public static int promptTokens(String model, JsonObject request) {
        Encoding encoding = encodingFor(model);
        if (request.get("messages") instanceof JsonArray messages) {
            int tokens = REPLY_PRIMING;
            for (JsonValue m : messages) {
                tokens += TOKENS_PER_MESSAGE;
                if (m instanceof JsonObject message) {
                    tokens += textTokens(encoding, message.get("content"));
                    tokens += textTokens(encoding, message.get("name"));
                    if (message.get("tool_calls") instanceof JsonArray calls) {
                        tokens += encoding.countTokensOrdinary(calls.toString());
                    }
                }
            }
            return tokens;
        }
        JsonValue input = request.containsKey("prompt") ? request.get("prompt") : request.get("input");
        return textTokens(encoding, input);
    }

    private static int textTokens(Encoding encoding, JsonValue value) {
        if (value instanceof JsonString s) {
            return encoding.countTokensOrdinary(s.getString());
        }
        if (value instanceof JsonArray parts) {
            int tokens = 0;
            for (JsonValue part : parts) {
                if (part instanceof JsonObject o && o.get("text") instanceof JsonString text) {
                    tokens += encoding.countTokensOrdinary(text.getString());
                } else if (part instanceof jakarta.json.JsonNumber) {
                    tokens++; // a token id
                } else {
                    tokens += textTokens(encoding, part);
                }
            }
            return tokens;
        }
        return 0;
    }
}
