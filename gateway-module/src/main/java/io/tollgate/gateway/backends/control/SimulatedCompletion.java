package io.tollgate.gateway.backends.control;

import io.tollgate.gateway.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's answer to one chat completion request: deterministic text (the same request always gets the same
 * words), usage figures, and the wire bytes an OpenAI-compatible server would send, streamed or not.
 */
public final class SimulatedCompletion {

    static final int DEFAULT_LENGTH_MIN = 12;
    static final int DEFAULT_LENGTH_SPREAD = 20;
    private static final String[] WORDS = ("Tollgate simulates a model so that you can try the gateway without a GPU "
            + "every token arrives at a steady pace and the usage figures add up exactly like a real server would report "
            + "them streaming included").split(" ");

    private final boolean chat;
    private final String id;
    private final String model;
    private final long created;
    private final List<String> tokens;
    private final boolean truncated;
    private final int promptTokens;

    private SimulatedCompletion(boolean chat, String id, String model, long created, List<String> tokens,
                                boolean truncated, int promptTokens) {
        this.chat = chat;
        this.id = id;
        this.model = model;
        this.created = created;
        this.tokens = tokens;
        this.truncated = truncated;
        this.promptTokens = promptTokens;
    }

    /** A chat completion ({@code /chat/completions}). */
    public static SimulatedCompletion answer(JsonObject request, long createdEpochSeconds) {
        return answer(request, createdEpochSeconds, true);
    }

    /** A legacy text completion ({@code /completions}): the prompt instead of messages. */
    public static SimulatedCompletion answerText(JsonObject request, long createdEpochSeconds) {
        return answer(request, createdEpochSeconds, false);
    }

    private static SimulatedCompletion answer(JsonObject request, long createdEpochSeconds, boolean chat) {
        String model = request.getString("model", "simulator");
        JsonValue messages = request.getOrDefault(chat ? "messages" : "prompt", JsonValue.EMPTY_JSON_ARRAY);
        int seed = (model + messages).hashCode();
        int natural = DEFAULT_LENGTH_MIN + Math.floorMod(seed, DEFAULT_LENGTH_SPREAD);
        int limit = maxTokens(request);
        int length = Math.min(natural, limit);
        List<String> tokens = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            String word = WORDS[Math.floorMod(seed + i * 7, WORDS.length)];
            tokens.add(i == 0 ? word : " " + word);
        }
        String id = (chat ? "chatcmpl-sim" : "cmpl-sim") + Integer.toHexString(seed) + Long.toHexString(createdEpochSeconds);
        return new SimulatedCompletion(chat, id, model, createdEpochSeconds, tokens, limit < natural,
                estimatePromptTokens(messages));
    }

    private static int maxTokens(JsonObject request) {
        for (String field : new String[]{"max_completion_tokens", "max_tokens"}) {
            JsonValue v = request.get(field);
            if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
                return (int) Math.min(Integer.MAX_VALUE, n.longValue());
            }
        }
        return Integer.MAX_VALUE;
    }

    /** About four characters a token plus a few tokens of framing per message, as tokenizers for English average. */
    static int estimatePromptTokens(JsonValue messages) {
        if (messages instanceof JsonString prompt) {
            return (prompt.getString().length() + 3) / 4;
        }
        if (!(messages instanceof JsonArray array)) {
            return 0;
        }
        int chars = 0;
        for (JsonValue m : array) {
            if (m instanceof JsonString text) {
                chars += text.getString().length();
            } else if (m instanceof JsonObject o && o.get("content") instanceof JsonString s) {
                chars += s.getString().length();
            } else if (m instanceof JsonObject o) {
                chars += String.valueOf(o.get("content")).length();
            }
        }
        return (chars + 3) / 4 + 3 * array.size();
    }

    public List<String> tokens() {
        return tokens;
    }

    public String text() {
        return String.join("", tokens);
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int completionTokens() {
        return tokens.size();
    }

    public String finishReason() {
        return truncated ? "length" : "stop";
    }

    private JsonObjectBuilder usage() {
        return Jsonp.PROVIDER.createObjectBuilder().add("prompt_tokens", promptTokens).add("completion_tokens", tokens.size())
                .add("total_tokens", promptTokens + tokens.size());
    }

    /** The whole non-streamed response body. */
    public byte[] body() {
        if (!chat) {
            JsonObject body = Jsonp.PROVIDER.createObjectBuilder()
                    .add("id", id).add("object", "text_completion").add("created", created).add("model", model)
                    .add("system_fingerprint", "tollgate-simulator")
                    .add("choices", Jsonp.PROVIDER.createArrayBuilder().add(Jsonp.PROVIDER.createObjectBuilder()
                            .add("text", text()).add("index", 0).addNull("logprobs").add("finish_reason", finishReason())))
                    .add("usage", usage())
                    .build();
            return body.toString().getBytes(StandardCharsets.UTF_8);
        }
        JsonObject message = Jsonp.PROVIDER.createObjectBuilder().add("role", "assistant").add("content", text())
                .addNull("refusal").build();
        JsonObject body = Jsonp.PROVIDER.createObjectBuilder()
                .add("id", id).add("object", "chat.completion").add("created", created).add("model", model)
                .add("system_fingerprint", "tollgate-simulator")
                .add("choices", Jsonp.PROVIDER.createArrayBuilder().add(Jsonp.PROVIDER.createObjectBuilder()
                        .add("index", 0).add("message", message).addNull("logprobs").add("finish_reason", finishReason())))
                .add("usage", usage())
                .build();
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The streamed response as its SSE events: a role chunk, one chunk a token, the finish chunk, usage, [DONE]. */
    public List<byte[]> events(boolean includeUsage) {
        if (!chat) {
            return textEvents(includeUsage);
        }
        List<byte[]> events = new ArrayList<>(tokens.size() + 4);
        events.add(event(chunk(Jsonp.PROVIDER.createObjectBuilder().add("role", "assistant").add("content", ""), null, includeUsage)));
        for (String token : tokens) {
            events.add(event(chunk(Jsonp.PROVIDER.createObjectBuilder().add("content", token), null, includeUsage)));
        }
        events.add(event(chunk(Jsonp.PROVIDER.createObjectBuilder(), finishReason(), includeUsage)));
        if (includeUsage) {
            events.add(event(base().add("choices", JsonValue.EMPTY_JSON_ARRAY).add("usage", usage()).build()));
        }
        events.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        return events;
    }

    private List<byte[]> textEvents(boolean includeUsage) {
        List<byte[]> events = new ArrayList<>(tokens.size() + 3);
        for (int i = 0; i < tokens.size(); i++) {
            events.add(event(textChunk(tokens.get(i), null, includeUsage)));
        }
        events.add(event(textChunk("", finishReason(), includeUsage)));
        if (includeUsage) {
            events.add(event(base().add("choices", JsonValue.EMPTY_JSON_ARRAY).add("usage", usage()).build()));
        }
        events.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        return events;
    }

    private JsonObject textChunk(String text, String finishReason, boolean includeUsage) {
        JsonObjectBuilder choice = Jsonp.PROVIDER.createObjectBuilder().add("text", text).add("index", 0).addNull("logprobs");
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        JsonObjectBuilder chunk = base().add("choices", Jsonp.PROVIDER.createArrayBuilder().add(choice));
        if (includeUsage) {
            chunk.addNull("usage");
        }
        return chunk.build();
    }

    private JsonObjectBuilder base() {
        return Jsonp.PROVIDER.createObjectBuilder().add("id", id).add("object", chat ? "chat.completion.chunk" : "text_completion")
                .add("created", created)
                .add("model", model).add("system_fingerprint", "tollgate-simulator");
    }

    private JsonObject chunk(JsonObjectBuilder delta, String finishReason, boolean includeUsage) {
        JsonObjectBuilder choice = Jsonp.PROVIDER.createObjectBuilder().add("index", 0).add("delta", delta).addNull("logprobs");
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        JsonArrayBuilder choices = Jsonp.PROVIDER.createArrayBuilder().add(choice);
        JsonObjectBuilder chunk = base().add("choices", choices);
        if (includeUsage) {
            chunk.addNull("usage");
        }
        return chunk.build();
    }

    private static byte[] event(JsonObject data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
