package io.tollgate.gateway.backends.control.anthropic;

import io.tollgate.gateway.platform.ApiError;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * An OpenAI chat completions request rewritten as an Anthropic Messages request. Anthropic has no system role, so
 * system and developer messages become the top-level {@code system}; tool calls and tool results become
 * {@code tool_use} and {@code tool_result} blocks, and consecutive messages of one role are merged into one turn, as
 * Anthropic expects user and assistant turns to alternate. Fields without an Anthropic counterpart (n, seed,
 * penalties, logprobs, response_format, …) are dropped; content that cannot be expressed at all (audio, files) is
 * refused rather than silently lost.
 */
final class AnthropicRequestTranslation {

    /** Looked up once: {@code Json.*} looks the provider up again on every call, which costs more than the JSON. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private AnthropicRequestTranslation() {
    }

    /** The Messages request for a chat completions request (whose model is already the backend's name for it). */
    public static JsonObject messagesRequest(JsonObject chat, boolean stream) {
        JsonObjectBuilder out = JSON.createObjectBuilder().add("model", chat.getString("model", ""));
        List<JsonObject> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        JsonValue messages = chat.get("messages");
        if (!(messages instanceof JsonArray array)) {
            throw new Untranslatable("'messages' must be an array.", "messages");
        }
        for (int i = 0; i < array.size(); i++) {
            String at = "messages[" + i + "]";
            if (!(array.get(i) instanceof JsonObject message)) {
                throw new Untranslatable("'" + at + "' must be an object.", at);
            }
            String role = message.getString("role", "");
            switch (role) {
                case "system", "developer" -> system.addAll(nonEmpty(textBlocks(message.get("content"), at + ".content")));
                case "user" -> append(turns, "user", userBlocks(message.get("content"), at + ".content"));
                case "assistant" -> append(turns, "assistant", assistantBlocks(message, at));
                case "tool" -> append(turns, "user", List.of(toolResult(message, at)));
                default -> throw new Untranslatable("Messages with role '" + role + "' cannot be sent to this model.",
                        at + ".role");
            }
        }
        if (system.size() == 1) {
            out.add("system", system.get(0).getString("text"));
        } else if (!system.isEmpty()) {
            out.add("system", array(system));
        }
        JsonArrayBuilder anthropicMessages = JSON.createArrayBuilder();
        for (Turn turn : turns) {
            anthropicMessages.add(turn.toJson());
        }
        out.add("messages", anthropicMessages);
        AnthropicTools.copyTools(chat, out);
        AnthropicSampling.copy(chat, stream, out);
        return out.build();
    }

    /** Adds blocks to the last turn if it has the same role, else starts a turn; empty messages are skipped. */
    private static void append(List<Turn> turns, String role, List<JsonObject> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.role().equals(role)) {
            last.blocks().addAll(blocks);
        } else {
            turns.add(new Turn(role, new ArrayList<>(blocks)));
        }
    }

    private static List<JsonObject> textBlocks(JsonValue content, String at) {
        if (content == null || content == JsonValue.NULL) {
            return List.of();
        }
        if (content instanceof JsonString s) {
            return List.of(text(s.getString()));
        }
        List<JsonObject> blocks = new ArrayList<>();
        for (Part part : parts(content, at)) {
            if (!"text".equals(part.type())) {
                throw unsupportedPart(part);
            }
            blocks.add(text(part.json().getString("text", "")));
        }
        return blocks;
    }

    private static List<JsonObject> userBlocks(JsonValue content, String at) {
        if (content instanceof JsonString s) {
            return List.of(text(s.getString()));
        }
        if (content == null || content == JsonValue.NULL) {
            return List.of();
        }
        List<JsonObject> blocks = new ArrayList<>();
        for (Part part : parts(content, at)) {
            switch (part.type()) {
                case "text" -> blocks.add(text(part.json().getString("text", "")));
                case "image_url" -> blocks.add(image(part));
                default -> throw unsupportedPart(part);
            }
        }
        return blocks;
    }

    private static List<JsonObject> assistantBlocks(JsonObject message, String at) {
        List<JsonObject> blocks = new ArrayList<>();
        JsonValue content = message.get("content");
        if (content instanceof JsonString s) {
            blocks.add(text(s.getString()));
        } else if (content != null && content != JsonValue.NULL) {
            for (Part part : parts(content, at + ".content")) {
                switch (part.type()) {
                    case "text" -> blocks.add(text(part.json().getString("text", "")));
                    case "refusal" -> blocks.add(text(part.json().getString("refusal", "")));
                    default -> throw unsupportedPart(part);
                }
            }
        }
        // Anthropic refuses empty text blocks, and OpenAI clients send content "" alongside tool calls.
        blocks = nonEmpty(blocks);
        if (message.get("tool_calls") instanceof JsonArray calls) {
            for (int i = 0; i < calls.size(); i++) {
                blocks.add(AnthropicTools.toolUse(calls.get(i), at + ".tool_calls[" + i + "]"));
            }
        }
        return blocks;
    }

    private static JsonObject toolResult(JsonObject message, String at) {
        String id = message.getString("tool_call_id", "");
        if (id.isEmpty()) {
            throw new Untranslatable("Missing required parameter: '" + at + ".tool_call_id'.", at + ".tool_call_id");
        }
        JsonObjectBuilder result = JSON.createObjectBuilder().add("type", "tool_result").add("tool_use_id", id);
        JsonValue content = message.get("content");
        if (content instanceof JsonString s) {
            if (!s.getString().isEmpty()) {
                result.add("content", s.getString());
            }
        } else {
            List<JsonObject> blocks = nonEmpty(textBlocks(content, at + ".content"));
            if (!blocks.isEmpty()) {
                result.add("content", array(blocks));
            }
        }
        return result.build();
    }

    private static JsonObject image(Part part) {
        JsonValue imageUrl = part.json().get("image_url");
        String url = imageUrl instanceof JsonObject o ? o.getString("url", "")
                : imageUrl instanceof JsonString s ? s.getString() : "";
        JsonObjectBuilder source = JSON.createObjectBuilder();
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (!meta.endsWith(";base64")) {
                throw new Untranslatable("'" + part.at() + ".image_url.url' must be an http(s) URL or a base64 data URL.",
                        part.at() + ".image_url.url");
            }
            source.add("type", "base64").add("media_type", meta.substring(0, meta.length() - ";base64".length()))
                    .add("data", url.substring(comma + 1));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            source.add("type", "url").add("url", url);
        } else {
            throw new Untranslatable("'" + part.at() + ".image_url.url' must be an http(s) URL or a base64 data URL.",
                    part.at() + ".image_url.url");
        }
        return JSON.createObjectBuilder().add("type", "image").add("source", source).build();
    }

    private static List<Part> parts(JsonValue content, String at) {
        if (!(content instanceof JsonArray array)) {
            throw new Untranslatable("'" + at + "' must be a string or an array of content parts.", at);
        }
        List<Part> parts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String partAt = at + "[" + i + "]";
            if (!(array.get(i) instanceof JsonObject part)) {
                throw new Untranslatable("'" + partAt + "' must be an object.", partAt);
            }
            parts.add(new Part(part.getString("type", ""), part, partAt));
        }
        return parts;
    }

    private static Untranslatable unsupportedPart(Part part) {
        return new Untranslatable("Content parts of type '" + part.type() + "' cannot be sent to this model.",
                part.at() + ".type");
    }

    private static JsonObject text(String text) {
        return JSON.createObjectBuilder().add("type", "text").add("text", text).build();
    }

    private static List<JsonObject> nonEmpty(List<JsonObject> blocks) {
        List<JsonObject> kept = new ArrayList<>(blocks.size());
        for (JsonObject b : blocks) {
            if (!"text".equals(b.getString("type", "")) || !b.getString("text", "").isEmpty()) {
                kept.add(b);
            }
        }
        return kept;
    }

    private static JsonArray array(List<JsonObject> blocks) {
        JsonArrayBuilder b = JSON.createArrayBuilder();
        blocks.forEach(b::add);
        return b.build();
    }

    /** One content part of an OpenAI message, with where it was for error messages. */
    private record Part(String type, JsonObject json, String at) {
    }

    /** One Anthropic turn; a lone text block is sent as plain string content. */
    private record Turn(String role, List<JsonObject> blocks) {
        JsonObject toJson() {
            JsonObjectBuilder b = JSON.createObjectBuilder().add("role", role);
            if (blocks.size() == 1 && blocks.get(0).size() == 2 && "text".equals(blocks.get(0).getString("type"))) {
                b.add("content", blocks.get(0).getString("text"));
            } else {
                b.add("content", array(blocks));
            }
            return b.build();
        }
    }

    /** A request Anthropic's API cannot express; the client gets a 400 naming the parameter. */
    public static final class Untranslatable extends RuntimeException {
        private final String param;

        Untranslatable(String message, String param) {
            super(message);
            this.param = param;
        }

        public ApiError error() {
            return ApiError.invalidRequest(getMessage(), param);
        }
    }
}
