package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.dialect.BodyTransform;
import io.tollgate.gateway.tokens.TokenCounter;
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
    /** The generated text as far as it is counted exactly; beyond it only its length (see TokenCounter). */
    private final StringBuilder generated = new StringBuilder();
    private long generatedBeyond;
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
        String fast = plainChunk(data);
        if (fast != null) {
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

    /**
     * The common chunk — content or nothing, no usage, no error, no tool call — shaped without a JSON parse: the
     * model's value is replaced in the text and a {@code "usage":null} the client did not ask for is cut out. Parsing
     * and re-serialising every chunk was a third of the gateway's CPU on streams (JFR). Returns null for any chunk
     * that is not plainly of that form (the full path takes it), the same text if nothing changes.
     * A key pattern such as {@code "model":"} cannot occur inside a JSON string (its quotes would be escaped), so a
     * match is a key.
     */
    private String plainChunk(String data) {
        if (!data.startsWith("{") || !data.endsWith("}") || !data.contains("\"choices\":[")
                || data.contains("\"error\"") || data.contains("\"tool_calls\"") || data.contains("\"text\"")
                || data.contains("\"function_call\"")) {
            return null;
        }
        String modelKey = "\"model\":\"";
        int model = data.indexOf(modelKey);
        if (model < 0 || data.indexOf("\"model\"") != model || data.indexOf("\"model\"", model + 1) >= 0) {
            return null;
        }
        int afterModel = stringEnd(data, model + modelKey.length());
        if (afterModel < 0) {
            return null;
        }
        int usageAt = data.indexOf("\"usage\"");
        int cutFrom = -1;
        int cutTo = -1;
        if (usageAt >= 0) {
            String usageNull = "\"usage\":null";
            if (!data.startsWith(usageNull, usageAt) || data.indexOf("\"usage\"", usageAt + 1) >= 0) {
                return null;
            }
            if (!clientWantsUsage) {
                int end = usageAt + usageNull.length();
                if (data.charAt(usageAt - 1) == ',') {
                    cutFrom = usageAt - 1;
                    cutTo = end;
                } else if (end < data.length() && data.charAt(end) == ',') {
                    cutFrom = usageAt;
                    cutTo = end + 1;
                } else {
                    return null;
                }
            }
        }
        if (usage == null && !collectContent(data)) {
            return null;
        }
        lastUnparsed = data;
        boolean rename = !data.regionMatches(model, publicModelField, 0, publicModelField.length())
                || afterModel != model + publicModelField.length();
        if (!rename && cutFrom < 0) {
            return data;
        }
        StringBuilder out = new StringBuilder(data.length() + 32);
        int at = 0;
        if (cutFrom >= 0 && cutFrom < model) {
            out.append(data, 0, cutFrom);
            at = cutTo;
        }
        out.append(data, at, model).append(publicModelField);
        at = afterModel;
        if (cutFrom >= afterModel) {
            out.append(data, at, cutFrom);
            at = cutTo;
        }
        return out.append(data, at, data.length()).toString();
    }

    /** Where the JSON string whose text starts at {@code from} ends (after its closing quote), or -1. */
    private static int stringEnd(String data, int from) {
        for (int i = from; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Appends every {@code "content":"…"} value of a chunk to the generated text; false if one is malformed. */
    private boolean collectContent(String data) {
        String key = "\"content\":\"";
        StringBuilder text = new StringBuilder();
        for (int at = data.indexOf(key); at >= 0; at = data.indexOf(key, at)) {
            int i = at + key.length();
            while (true) {
                if (i >= data.length()) {
                    return false;
                }
                char c = data.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c != '\\') {
                    text.append(c);
                    continue;
                }
                if (i >= data.length()) {
                    return false;
                }
                char e = data.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> text.append(e);
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'r' -> text.append('\r');
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'u' -> {
                        if (i + 4 > data.length()) {
                            return false;
                        }
                        try {
                            text.append((char) Integer.parseInt(data.substring(i, i + 4), 16));
                        } catch (NumberFormatException bad) {
                            return false;
                        }
                        i += 4;
                    }
                    default -> {
                        return false;
                    }
                }
            }
            at = i;
        }
        appendText(text.toString());
        return true;
    }

    /** Remembers generated text (content, tool-call arguments, completion text) in case Tollgate must count it. */
    private void collectGenerated(JsonObject json) {
        rememberIds(json);
        lastUnparsed = null;
        if (!(json.get("choices") instanceof JsonArray choices)) {
            return;
        }
        for (JsonValue c : choices) {
            if (!(c instanceof JsonObject choice)) {
                continue;
            }
            for (String holder : new String[]{"delta", "message"}) {
                if (choice.get(holder) instanceof JsonObject part) {
                    appendString(part.get("content"));
                    if (part.get("tool_calls") instanceof JsonArray calls) {
                        for (JsonValue call : calls) {
                            if (call instanceof JsonObject o && o.get("function") instanceof JsonObject f) {
                                appendString(f.get("name"));
                                appendString(f.get("arguments"));
                            }
                        }
                    }
                }
            }
            appendString(choice.get("text"));
        }
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

    private void appendString(JsonValue v) {
        if (v instanceof jakarta.json.JsonString s) {
            appendText(s.getString());
        }
    }

    private void appendText(String text) {
        int room = Math.max(0, Math.min(text.length(), TokenCounter.EXACT_CHARS - generated.length()));
        if (room > 0 && room < text.length() && Character.isHighSurrogate(text.charAt(room - 1))) {
            room--;
        }
        generated.append(text, 0, room);
        generatedBeyond += text.length() - room;
    }

    private void estimateIfMissing() {
        if (usage == null) {
            int completion = TokenCounter.count(countingModel, generated, generatedBeyond);
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
