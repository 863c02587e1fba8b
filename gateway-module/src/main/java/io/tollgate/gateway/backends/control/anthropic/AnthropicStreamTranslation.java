package io.tollgate.gateway.backends.control.anthropic;

import io.tollgate.gateway.sse.SseEventSplitter;
import io.tollgate.gateway.platform.ApiError;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anthropic's streamed Messages events, as they arrive, turned into OpenAI {@code chat.completion.chunk} events:
 * message_start gives the role chunk; text and tool-input deltas give content and tool_calls deltas (tool calls
 * numbered in the order they start); message_delta gives the finish_reason chunk; message_stop the usage chunk (when
 * asked for) and {@code [DONE]}. An error event becomes OpenAI's error event and ends the stream. A stream that ends
 * before message_stop ends with an error event too, so a client cannot take a cut-off answer for a whole one.
 */
final class AnthropicStreamTranslation implements BodyTranslation {

    /** Looked up once: {@code Json.*} looks the provider up again on every call, which costs more than the JSON. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(AnthropicStreamTranslation.class.getName());
    private static final String DONE = "data: [DONE]\n\n";

    private final SseEventSplitter splitter = new SseEventSplitter();
    private final boolean includeUsage;
    private final long created;
    /** Anthropic content block index → OpenAI tool_calls index. */
    private final Map<Integer, Integer> toolCallOfBlock = new HashMap<>();
    private String id = "";
    private String model;
    private AnthropicUsage usage = AnthropicUsage.NONE;
    private boolean ended;

    public AnthropicStreamTranslation(String requestedModel, boolean includeUsage, long created) {
        this.model = requestedModel;
        this.includeUsage = includeUsage;
        this.created = created;
    }

    @Override
    public List<ByteBuffer> accept(ByteBuffer piece) {
        List<ByteBuffer> out = new ArrayList<>();
        for (String event : splitter.accept(piece)) {
            translate(event, out);
        }
        return out;
    }

    @Override
    public List<ByteBuffer> finish() {
        List<ByteBuffer> out = new ArrayList<>();
        String rest = splitter.remainder();
        if (!rest.isBlank()) {
            translate(rest, out);
        }
        if (!ended) {
            ended = true;
            emit(out, "data: " + ApiError.upstreamFailed("The backend ended the stream before the answer was complete.")
                    .toJson() + "\n\n");
        }
        return out;
    }

    private void translate(String event, List<ByteBuffer> out) {
        if (ended) {
            return;
        }
        JsonObject data = data(event);
        if (data == null) {
            return; // comments, or an event without (parsable) data
        }
        switch (data.getString("type", "")) {
            case "message_start" -> {
                if (data.get("message") instanceof JsonObject message) {
                    id = message.getString("id", id);
                    model = message.getString("model", model);
                    usage = usage.updatedBy(message.get("usage") instanceof JsonObject u ? u : null);
                }
                emit(out, chunk(JSON.createObjectBuilder().add("role", "assistant").add("content", ""), null));
            }
            case "content_block_start" -> blockStarted(data, out);
            case "content_block_delta" -> blockDelta(data, out);
            case "message_delta" -> {
                usage = usage.updatedBy(data.get("usage") instanceof JsonObject u ? u : null);
                JsonValue stopReason = data.get("delta") instanceof JsonObject d ? d.get("stop_reason") : null;
                String finish = AnthropicResponseTranslation.finishReason(stopReason);
                if (finish != null) {
                    emit(out, chunk(JSON.createObjectBuilder(), finish));
                }
            }
            case "message_stop" -> {
                if (includeUsage) {
                    emit(out, "data: " + base().add("choices", JsonValue.EMPTY_JSON_ARRAY)
                            .add("usage", usage.toOpenAi()).build() + "\n\n");
                }
                emit(out, DONE);
                ended = true;
            }
            case "error" -> {
                JsonObject error = data.get("error") instanceof JsonObject e ? e : JsonValue.EMPTY_JSON_OBJECT;
                emit(out, "data: " + AnthropicResponseTranslation.error(500, error).toJson() + "\n\n");
                ended = true;
            }
            default -> {
                // ping, content_block_stop, and event types added after this was written
            }
        }
    }

    private void blockStarted(JsonObject data, List<ByteBuffer> out) {
        if (!(data.get("content_block") instanceof JsonObject block)) {
            return;
        }
        switch (block.getString("type", "")) {
            case "text" -> {
                String text = block.getString("text", "");
                if (!text.isEmpty()) {
                    emit(out, content(text));
                }
            }
            case "tool_use" -> {
                int call = toolCallOfBlock.size();
                toolCallOfBlock.put(data.getInt("index", -1), call);
                emit(out, chunk(JSON.createObjectBuilder().add("tool_calls", JSON.createArrayBuilder().add(
                        JSON.createObjectBuilder().add("index", call).add("id", block.getString("id", ""))
                                .add("type", "function")
                                .add("function", JSON.createObjectBuilder().add("name", block.getString("name", ""))
                                        .add("arguments", "")))), null));
            }
            default -> {
                // thinking and server-tool blocks have no place in a chat completion
            }
        }
    }

    private void blockDelta(JsonObject data, List<ByteBuffer> out) {
        if (!(data.get("delta") instanceof JsonObject delta)) {
            return;
        }
        switch (delta.getString("type", "")) {
            case "text_delta" -> {
                String text = delta.getString("text", "");
                if (!text.isEmpty()) {
                    emit(out, content(text));
                }
            }
            case "input_json_delta" -> {
                Integer call = toolCallOfBlock.get(data.getInt("index", -1));
                String json = delta.getString("partial_json", "");
                if (call != null && !json.isEmpty()) {
                    emit(out, chunk(JSON.createObjectBuilder().add("tool_calls", JSON.createArrayBuilder().add(
                            JSON.createObjectBuilder().add("index", call)
                                    .add("function", JSON.createObjectBuilder().add("arguments", json)))), null));
                }
            }
            default -> {
                // thinking, signature and citation deltas
            }
        }
    }

    private String content(String text) {
        return chunk(JSON.createObjectBuilder().add("content", text), null);
    }

    private String chunk(JsonObjectBuilder delta, String finishReason) {
        JsonObjectBuilder choice = JSON.createObjectBuilder().add("index", 0).add("delta", delta).addNull("logprobs");
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        JsonObjectBuilder chunk = base().add("choices", JSON.createArrayBuilder().add(choice));
        if (includeUsage) {
            chunk.addNull("usage"); // as OpenAI does on every chunk but the last when usage was asked for
        }
        return "data: " + chunk.build() + "\n\n";
    }

    private JsonObjectBuilder base() {
        return JSON.createObjectBuilder().add("id", id).add("object", "chat.completion.chunk").add("created", created)
                .add("model", model);
    }

    private static void emit(List<ByteBuffer> out, String event) {
        out.add(ByteBuffer.wrap(event.getBytes(StandardCharsets.UTF_8)));
    }

    /** The JSON an SSE event carries in its data lines (joined by newlines, as the SSE spec says), or null. */
    static JsonObject data(String event) {
        StringBuilder data = null;
        for (String line : event.split("\r\n|\r|\n")) {
            if (line.startsWith("data:")) {
                String value = line.startsWith("data: ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        if (data == null) {
            return null;
        }
        JsonObject json = AnthropicResponseTranslation.parse(data.toString());
        if (json == null) {
            LOG.log(Level.FINE, "Skipped an Anthropic event whose data is not a JSON object: {0}", event);
        }
        return json;
    }
}
