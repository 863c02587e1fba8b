package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.dialect.BodyTransform;
import io.tollgate.gateway.tokens.Usage;
import io.tollgate.gateway.sse.SseEventSplitter;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Turns an upstream's answer into what the client asked for: the public model name instead of the backend's, and the
 * usage chunk only for a client that asked for it (Tollgate always asks upstream, to know the usage). Records the
 * usage it sees. Streams are reshaped event by event as they pass; a non-streamed body is reshaped when complete.
 */
public final class ResponseShaper implements BodyTransform {

    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final String publicModel;
    private final boolean stream;
    private final boolean clientWantsUsage;
    private final String countingModel;
    private final IntSupplier promptTokens;
    private final GeneratedText generated = new GeneratedText();
    private long firstContentNanos;
    private String lastChunkId;
    private String lastObject = "chat.completion.chunk";
    private long lastCreated;
    /** The last chunk passed without parsing: its id and created are read from it only if Tollgate must count. */
    private String lastUnparsed;
    private final String publicModelField;
    private final SseEventSplitter splitter = new SseEventSplitter();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Usage usage;
    /** The stream said it was over: {@code [DONE]}, or an error event. */
    private boolean ended;

    public ResponseShaper(String publicModel, boolean stream, boolean clientWantsUsage) {
        this(publicModel, stream, clientWantsUsage, publicModel, () -> 0);
    }

    /**
     * @param countingModel the backend's model name, which picks the tokenizer if Tollgate must count
     * @param promptTokens  the request's prompt tokens, computed only if the upstream reports no usage
     */
    public ResponseShaper(String publicModel, boolean stream, boolean clientWantsUsage, String countingModel,
                          IntSupplier promptTokens) {
        this.publicModel = publicModel;
        this.stream = stream;
        this.clientWantsUsage = clientWantsUsage;
        this.countingModel = countingModel;
        this.promptTokens = promptTokens;
        this.publicModelField = "\"model\":" + Jsonp.PROVIDER.createValue(publicModel);
    }

    /**
     * When the first chunk that carries content (text, a tool call, a refusal) was shaped, in {@link System#nanoTime}
     * terms; 0 before, and for an answer that is not a stream. A stream's first chunk is often the role alone.
     */
    public synchronized long firstContentNanos() {
        return firstContentNanos;
    }

    /** What to send the client for these upstream bytes (possibly nothing yet). */
    @Override
    public synchronized List<ByteBuffer> accept(List<ByteBuffer> upstream) {
        List<ByteBuffer> out = new ArrayList<>();
        for (ByteBuffer b : upstream) {
            if (stream) {
                for (String event : splitter.accept(b)) {
                    String shaped = shapeEvent(event);
                    if (shaped != null) {
                        out.add(ByteBuffer.wrap(shaped.getBytes(StandardCharsets.UTF_8)));
                    }
                    if (firstContentNanos == 0 && generated.any()) {
                        firstContentNanos = System.nanoTime();
                    }
                }
            } else {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                body.write(bytes, 0, bytes.length);
                if (body.size() > MAX_BODY_BYTES) {
                    throw new IllegalStateException("upstream body exceeded " + MAX_BODY_BYTES + " bytes");
                }
            }
        }
        return out;
    }

    /** What is left to send when the upstream has finished. */
    @Override
    public synchronized List<ByteBuffer> finish() {
        if (stream) {
            String rest = splitter.remainder();
            String shaped = rest.isBlank() ? null : lastEvent(rest);
            estimateIfMissing();
            if (!ended) {
                // Ended without [DONE]: the client must not take a cut-off answer for a whole one.
                shaped = (shaped == null ? "" : shaped) + "data: " + ApiError.upstreamFailed(
                        "The backend ended the stream before the answer was complete. Please retry.").toJson() + "\n\n";
                ended = true;
            }
            return shaped == null ? List.of() : List.of(ByteBuffer.wrap(shaped.getBytes(StandardCharsets.UTF_8)));
        }
        byte[] bytes = body.toByteArray();
        JsonObject json = parse(new String(bytes, StandardCharsets.UTF_8));
        if (json == null) {
            return List.of(ByteBuffer.wrap(bytes));
        }
        if (json.get("usage") instanceof JsonObject u) {
            usage = Usage.from(u);
        } else {
            collectGenerated(json);
            estimateIfMissing();
        }
        JsonObject shaped = renamed(json, false);
        return List.of(ByteBuffer.wrap((shaped == json ? bytes : shaped.toString().getBytes(StandardCharsets.UTF_8))));
    }

    /** An event the stream ended in without its blank line: a whole one ("[DONE]" unterminated) or half of one. */
    private String lastEvent(String rest) {
        try {
            return shapeEvent(rest);
        } catch (IllegalStateException halfAnEvent) {
            return null;
        }
    }

    /** The usage the upstream reported, or null if it reported none. */
    public synchronized Usage usage() {
        return usage;
    }

    /** The usage so far: as reported, else counted from what was generated until now (a client hung up). */
    public synchronized Usage usageSoFar() {
        estimateIfMissing();
        return usage;
    }

    private String shapeEvent(String event) {
        int dataAt;
        if (event.startsWith("data:")) {
            dataAt = 0;
        } else {
            int newline = event.indexOf("\ndata:");
            if (newline < 0) {
                return event; // comments, keep-alives, other fields: as they came
            }
            dataAt = newline + 1;
        }
        int valueStart = dataAt + 5;
        int lineEnd = event.indexOf('\n', valueStart);
        String data = event.substring(valueStart, lineEnd < 0 ? event.length() : lineEnd).strip();
        if ("[DONE]".equals(data)) {
            ended = true;
            if (usage == null) {
                estimateIfMissing();
                if (clientWantsUsage) {
                    // The client asked for usage and the upstream sent none: Tollgate's own count, before [DONE].
                    return "data: " + usageChunk() + "\n\n" + event;
                }
            }
            return event;
        }
        if (data.isEmpty()) {
            return event;
        }
        String fast = PlainChunk.shape(data, publicModelField, clientWantsUsage);
        if (fast != null && (usage != null || generated.addContent(data))) {
            lastUnparsed = data;
            return fast == data ? event : "data: " + fast + "\n\n";
        }
        JsonObject json = data.startsWith("{") ? parse(data) : null;
        if (json == null) {
            // A stream of OpenAI's carries JSON objects and [DONE] only: relaying garbage would crash the client's
            // SDK mid-answer; failing here ends the stream with an error event and cancels the upstream.
            throw new IllegalStateException("The backend sent a stream event that is not JSON.");
        }
        if (json.containsKey("error")) {
            ended = true;
        }
        JsonValue u = json.get("usage");
        boolean usageChunk = u instanceof JsonObject;
        if (usageChunk) {
            usage = Usage.from((JsonObject) u);
        } else if (usage == null) {
            collectGenerated(json);
        }
        if (!clientWantsUsage && usageChunk && json.get("choices") instanceof JsonArray choices && choices.isEmpty()) {
            return null; // the chunk Tollgate asked for on its own account
        }
        JsonObject shaped = renamed(json, !clientWantsUsage && json.containsKey("usage"));
        if (shaped == json) {
            return event;
        }
        return "data: " + shaped + "\n\n";
    }

    /** Remembers generated text in case Tollgate must count it, and the chunk's ids for a usage chunk of its own. */
    private void collectGenerated(JsonObject json) {
        rememberIds(json);
        lastUnparsed = null;
        generated.add(json);
    }

    private void rememberIds(JsonObject json) {
        if (json.get("id") instanceof jakarta.json.JsonString id) {
            lastChunkId = id.getString();
        }
        if (json.get("object") instanceof jakarta.json.JsonString object) {
            lastObject = object.getString();
        }
        if (json.get("created") instanceof jakarta.json.JsonNumber created) {
            lastCreated = created.longValue();
        }
    }

    private void estimateIfMissing() {
        if (usage == null) {
            int completion = generated.tokens(countingModel);
            usage = new Usage(promptTokens.getAsInt(), 0, completion, true);
        }
    }

    private JsonObject usageChunk() {
        JsonObject last = lastUnparsed == null ? null : parse(lastUnparsed);
        if (last != null) {
            rememberIds(last);
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("id", lastChunkId == null ? "chatcmpl-tollgate" : lastChunkId)
                .add("object", lastObject).add("created", lastCreated).add("model", publicModel)
                .add("choices", JsonValue.EMPTY_JSON_ARRAY).add("usage", usage.toJson()).build();
    }

    private JsonObject renamed(JsonObject json, boolean dropUsage) {
        boolean rename = json.get("model") instanceof jakarta.json.JsonString s && !s.getString().equals(publicModel);
        if (!rename && !dropUsage) {
            return json;
        }
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder(json);
        if (rename) {
            b.add("model", publicModel);
        }
        if (dropUsage) {
            b.remove("usage");
        }
        return b.build();
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
            JsonValue v = reader.readValue();
            return v instanceof JsonObject o ? o : null;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }
}
