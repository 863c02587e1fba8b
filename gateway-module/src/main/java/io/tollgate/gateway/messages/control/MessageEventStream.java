package io.tollgate.gateway.messages.control;

import io.tollgate.gateway.dialect.BodyTransform;
import io.tollgate.gateway.sse.SseEventSplitter;
import io.tollgate.gateway.platform.ApiError;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import static io.tollgate.gateway.messages.control.MessageTranslation.JSON;
import static io.tollgate.gateway.messages.control.MessageTranslation.event;

/**
 * OpenAI {@code chat.completion.chunk} events, as they arrive, turned into Anthropic's streamed Messages events:
 * message_start at the first chunk; content text as a text block (content_block_start, text_delta…,
 * content_block_stop); each tool call as a tool_use block whose arguments arrive as input_json_delta; at
 * {@code [DONE]} the message_delta with the stop reason and the usage, then message_stop. OpenAI reports usage only
 * in its last chunk, so message_start carries Tollgate's estimate of the input tokens and message_delta the real
 * counts. An OpenAI error event becomes Anthropic's error event and ends the stream; a stream that ends before
 * {@code [DONE]} ends with an error event too, so an SDK does not take a cut-off answer for a whole one.
 */
final class MessageEventStream implements BodyTransform {

    private final SseEventSplitter splitter = new SseEventSplitter();
    private final String publicModel;
    private final IntSupplier promptEstimate;
    /** OpenAI tool_calls index → Anthropic content block index. */
    private final Map<Integer, Integer> blockOfToolCall = new HashMap<>();
    private boolean started;
    private boolean ended;
    private int blocks;
    /** The index of the open content block, or -1. */
    private int openBlock = -1;
    private boolean openBlockIsText;
    private String finishReason;
    private JsonObject usage;

    MessageEventStream(String publicModel, IntSupplier promptEstimate) {
        this.publicModel = publicModel;
        this.promptEstimate = promptEstimate;
    }

    @Override
    public List<ByteBuffer> accept(List<ByteBuffer> pieces) {
        StringBuilder out = new StringBuilder();
        for (ByteBuffer piece : pieces) {
            for (String event : splitter.accept(piece)) {
                translate(event, out);
            }
        }
        return bytes(out);
    }

    @Override
    public List<ByteBuffer> finish() {
        StringBuilder out = new StringBuilder();
        String rest = splitter.remainder();
        if (!rest.isBlank()) {
            translate(rest, out);
        }
        if (!ended) {
            ended = true;
            out.append(event("error", MessageTranslation.error(ApiError.upstreamFailed(
                    "The backend ended the stream before the answer was complete."))));
        }
        return bytes(out);
    }

    private void translate(String event, StringBuilder out) {
        if (ended) {
            return;
        }
        String data = data(event);
        if (data == null) {
            return; // comments and keep-alives
        }
        if ("[DONE]".equals(data)) {
            end(out);
            return;
        }
        JsonObject chunk = MessageTranslation.parse(data);
        if (chunk == null) {
            return;
        }
        if (chunk.get("error") instanceof JsonObject error) {
            out.append(event("error", MessageTranslation.relayedError(error)));
            ended = true;
            return;
        }
        if (!started) {
            start(chunk, out);
        }
        if (chunk.get("usage") instanceof JsonObject u) {
            usage = u;
        }
        if (chunk.get("choices") instanceof JsonArray choices && !choices.isEmpty()
                && choices.get(0) instanceof JsonObject choice) {
            if (choice.get("delta") instanceof JsonObject delta) {
                if (delta.get("content") instanceof JsonString text && !text.getString().isEmpty()) {
                    text(text.getString(), out);
                }
                if (delta.get("tool_calls") instanceof JsonArray calls) {
                    for (JsonValue call : calls) {
                        if (call instanceof JsonObject c) {
                            toolCall(c, out);
                        }
                    }
                }
            }
            if (choice.get("finish_reason") instanceof JsonString finish) {
                finishReason = finish.getString();
            }
        }
    }

    private void start(JsonObject chunk, StringBuilder out) {
        started = true;
        JsonObject message = JSON.createObjectBuilder()
                .add("id", MessageTranslation.messageId(chunk.getString("id", "")))
                .add("type", "message").add("role", "assistant").add("model", publicModel)
                .add("content", JsonValue.EMPTY_JSON_ARRAY).addNull("stop_reason").addNull("stop_sequence")
                .add("usage", JSON.createObjectBuilder().add("input_tokens", promptEstimate.getAsInt())
                        .add("output_tokens", 0))
                .build();
        out.append(event("message_start", JSON.createObjectBuilder().add("type", "message_start")
                .add("message", message).build()));
    }

    private void text(String text, StringBuilder out) {
        if (openBlock < 0 || !openBlockIsText) {
            open(JSON.createObjectBuilder().add("type", "text").add("text", ""), true, out);
        }
        out.append(event("content_block_delta", JSON.createObjectBuilder().add("type", "content_block_delta")
                .add("index", openBlock)
                .add("delta", JSON.createObjectBuilder().add("type", "text_delta").add("text", text)).build()));
    }

    private void toolCall(JsonObject call, StringBuilder out) {
        int index = call.getInt("index", 0);
        JsonObject function = call.get("function") instanceof JsonObject f ? f : JsonValue.EMPTY_JSON_OBJECT;
        Integer block = blockOfToolCall.get(index);
        if (block == null) {
            open(JSON.createObjectBuilder().add("type", "tool_use").add("id", call.getString("id", ""))
                    .add("name", function.getString("name", "")).add("input", JsonValue.EMPTY_JSON_OBJECT), false, out);
            block = openBlock;
            blockOfToolCall.put(index, block);
        }
        String arguments = function.getString("arguments", "");
        if (!arguments.isEmpty()) {
            out.append(event("content_block_delta", JSON.createObjectBuilder().add("type", "content_block_delta")
                    .add("index", block)
                    .add("delta", JSON.createObjectBuilder().add("type", "input_json_delta")
                            .add("partial_json", arguments)).build()));
        }
    }

    private void open(JsonObjectBuilder contentBlock, boolean text, StringBuilder out) {
        close(out);
        openBlock = blocks++;
        openBlockIsText = text;
        out.append(event("content_block_start", JSON.createObjectBuilder().add("type", "content_block_start")
                .add("index", openBlock).add("content_block", contentBlock).build()));
    }

    private void close(StringBuilder out) {
        if (openBlock >= 0) {
            out.append(event("content_block_stop", JSON.createObjectBuilder().add("type", "content_block_stop")
                    .add("index", openBlock).build()));
            openBlock = -1;
        }
    }

    private void end(StringBuilder out) {
        if (!started) {
            start(JsonValue.EMPTY_JSON_OBJECT, out);
        }
        close(out);
        JsonObject counts = MessageTranslation.usage(usage == null ? JsonValue.EMPTY_JSON_OBJECT : usage, false);
        out.append(event("message_delta", JSON.createObjectBuilder().add("type", "message_delta")
                .add("delta", JSON.createObjectBuilder().add("stop_reason", MessageTranslation.stopReason(finishReason))
                        .addNull("stop_sequence"))
                .add("usage", counts).build()));
        out.append(event("message_stop", JSON.createObjectBuilder().add("type", "message_stop").build()));
        ended = true;
    }

    /** The data an SSE event carries (its data lines joined by newlines, as the SSE spec says), or null. */
    private static String data(String event) {
        StringBuilder data = null;
        for (String line : event.split("\r\n|\r|\n")) {
            if (line.startsWith("data:")) {
                String value = line.startsWith("data: ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return data == null ? null : data.toString().strip();
    }

    private static List<ByteBuffer> bytes(StringBuilder out) {
        return out.isEmpty() ? List.of() : List.of(ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
