package io.tollgate.gateway.messages.control;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A Messages request rewritten as an OpenAI chat completions request. The top-level {@code system} becomes a system
 * message; {@code tool_use} blocks become an assistant's {@code tool_calls} and {@code tool_result} blocks become
 * {@code tool} messages, placed before the rest of their user turn, as OpenAI wants tool answers right after the call.
 * Fields without an OpenAI counterpart ({@code top_k}, {@code thinking}, {@code cache_control}) are dropped; content
 * that cannot be expressed (documents, server tools) is refused rather than silently lost.
 */
public final class AnthropicInboundTranslation {

    /** Looked up once: {@code Json.*} looks the provider up again on every call, which costs more than the JSON. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private AnthropicInboundTranslation() {
    }

    /** The model asked for, after checking the fields Tollgate needs; a 400 naming the field otherwise. */
    public static String validate(JsonObject request) {
        if (!(request.get("model") instanceof JsonString model) || model.getString().isBlank()) {
            throw invalid(request.containsKey("model") ? "model: Input should be a non-empty string"
                    : "model: Field required", "model");
        }
        JsonValue maxTokens = request.get("max_tokens");
        if (maxTokens == null || maxTokens == JsonValue.NULL) {
            throw invalid("max_tokens: Field required", "max_tokens");
        }
        if (!(maxTokens instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().signum() <= 0
                || n.bigDecimalValue().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw invalid("max_tokens: Input should be a positive integer", "max_tokens");
        }
        JsonValue messages = request.get("messages");
        if (messages == null || messages == JsonValue.NULL) {
            throw invalid("messages: Field required", "messages");
        }
        if (!(messages instanceof JsonArray array) || array.isEmpty()) {
            throw invalid("messages: Input should be a non-empty list of messages", "messages");
        }
        for (int i = 0; i < array.size(); i++) {
            String at = "messages." + i;
            if (!(array.get(i) instanceof JsonObject message)) {
                throw invalid(at + ": Input should be an object", at);
            }
            String role = message.getString("role", "");
            if (!"user".equals(role) && !"assistant".equals(role)) {
                throw invalid(at + ".role: Input should be 'user' or 'assistant'", at + ".role");
            }
            JsonValue content = message.get("content");
            if (!(content instanceof JsonString) && !(content instanceof JsonArray)) {
                throw invalid(at + ".content: Input should be a string or a list of content blocks", at + ".content");
            }
        }
        JsonValue stream = request.get("stream");
        if (stream != null && stream != JsonValue.NULL && stream != JsonValue.TRUE && stream != JsonValue.FALSE) {
            throw invalid("stream: Input should be a valid boolean", "stream");
        }
        return ((JsonString) request.get("model")).getString();
    }

    public static boolean streamed(JsonObject request) {
        return request.get("stream") == JsonValue.TRUE;
    }

    /** The chat completions request for a (validated) Messages request. */
    public static JsonObject chatRequest(JsonObject request) {
        JsonObjectBuilder out = JSON.createObjectBuilder().add("model", request.getString("model"));
        JsonArrayBuilder messages = JSON.createArrayBuilder();
        String system = systemText(request.get("system"));
        if (system != null) {
            messages.add(JSON.createObjectBuilder().add("role", "system").add("content", system));
        }
        JsonArray turns = request.getJsonArray("messages");
        for (int i = 0; i < turns.size(); i++) {
            JsonObject turn = turns.getJsonObject(i);
            String at = "messages." + i;
            if ("assistant".equals(turn.getString("role"))) {
                messages.add(assistantMessage(turn.get("content"), at));
            } else {
                userMessages(turn.get("content"), at).forEach(messages::add);
            }
        }
        out.add("messages", messages);
        out.add("max_tokens", request.getJsonNumber("max_tokens").intValue());
        copyNumber(request, "temperature", out);
        copyNumber(request, "top_p", out);
        if (request.get("stop_sequences") instanceof JsonArray stops && !stops.isEmpty()) {
            out.add("stop", stops);
        }
        if (request.get("metadata") instanceof JsonObject metadata
                && metadata.get("user_id") instanceof JsonString user) {
            out.add("user", user.getString());
        }
        tools(request, out);
        if (streamed(request)) {
            out.add("stream", true).add("stream_options", JSON.createObjectBuilder().add("include_usage", true));
        }
        return out.build();
    }

    private static String systemText(JsonValue system) {
        if (system instanceof JsonString s) {
            return s.getString().isEmpty() ? null : s.getString();
        }
        if (system instanceof JsonArray blocks) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                if (!(blocks.get(i) instanceof JsonObject block) || !"text".equals(block.getString("type", ""))) {
                    throw invalid("system." + i + ": Input should be a text block", "system." + i);
                }
                texts.add(block.getString("text", ""));
            }
            return texts.isEmpty() ? null : String.join("\n", texts);
        }
        if (system != null && system != JsonValue.NULL) {
            throw invalid("system: Input should be a string or a list of text blocks", "system");
        }
        return null;
    }

    private static JsonObject assistantMessage(JsonValue content, String at) {
        JsonObjectBuilder message = JSON.createObjectBuilder().add("role", "assistant");
        if (content instanceof JsonString s) {
            return message.add("content", s.getString()).build();
        }
        StringBuilder text = new StringBuilder();
        boolean hasText = false;
        JsonArrayBuilder calls = JSON.createArrayBuilder();
        boolean hasCalls = false;
        JsonArray blocks = (JsonArray) content;
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject block = block(blocks, i, at);
            switch (block.getString("type", "")) {
                case "text" -> {
                    text.append(block.getString("text", ""));
                    hasText = true;
                }
                case "tool_use" -> {
                    JsonValue input = block.getOrDefault("input", JsonValue.EMPTY_JSON_OBJECT);
                    calls.add(JSON.createObjectBuilder().add("id", block.getString("id", "")).add("type", "function")
                            .add("function", JSON.createObjectBuilder().add("name", block.getString("name", ""))
                                    .add("arguments", input.toString())));
                    hasCalls = true;
                }
                case "thinking", "redacted_thinking" -> {
                    // the backend cannot take a previous turn's reasoning back
                }
                default -> throw unsupported(block, at + ".content." + i);
            }
        }
        if (hasText) {
            message.add("content", text.toString());
        } else {
            message.addNull("content");
        }
        if (hasCalls) {
            message.add("tool_calls", calls);
        }
        return message.build();
    }

    /** A user turn: its tool results as tool messages first, then whatever else it says as one user message. */
    private static List<JsonObject> userMessages(JsonValue content, String at) {
        if (content instanceof JsonString s) {
            return List.of(JSON.createObjectBuilder().add("role", "user").add("content", s.getString()).build());
        }
        List<JsonObject> out = new ArrayList<>();
        List<JsonObject> parts = new ArrayList<>();
        JsonArray blocks = (JsonArray) content;
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject block = block(blocks, i, at);
            String blockAt = at + ".content." + i;
            switch (block.getString("type", "")) {
                case "text" -> parts.add(textPart(block.getString("text", "")));
                case "image" -> parts.add(imagePart(block, blockAt));
                case "tool_result" -> out.add(toolMessage(block, blockAt, parts));
                default -> throw unsupported(block, blockAt);
            }
        }
        if (!parts.isEmpty()) {
            JsonObjectBuilder user = JSON.createObjectBuilder().add("role", "user");
            if (parts.size() == 1 && "text".equals(parts.get(0).getString("type"))) {
                user.add("content", parts.get(0).getString("text"));
            } else {
                JsonArrayBuilder array = JSON.createArrayBuilder();
                parts.forEach(array::add);
                user.add("content", array);
            }
            out.add(user.build());
        }
        return out;
    }

    /**
     * A tool message for a tool_result block. OpenAI tool messages carry text only, so images in a result go into
     * the user message that follows; an error result is marked in its text, as OpenAI has no {@code is_error}.
     */
    private static JsonObject toolMessage(JsonObject block, String at, List<JsonObject> userParts) {
        if (!(block.get("tool_use_id") instanceof JsonString id)) {
            throw invalid(at + ".tool_use_id: Field required", at + ".tool_use_id");
        }
        StringBuilder text = new StringBuilder();
        JsonValue content = block.get("content");
        if (content instanceof JsonString s) {
            text.append(s.getString());
        } else if (content instanceof JsonArray blocks) {
            for (int i = 0; i < blocks.size(); i++) {
                JsonObject inner = block(blocks, i, at);
                switch (inner.getString("type", "")) {
                    case "text" -> text.append(text.isEmpty() ? "" : "\n").append(inner.getString("text", ""));
                    case "image" -> userParts.add(imagePart(inner, at + ".content." + i));
                    default -> throw unsupported(inner, at + ".content." + i);
                }
            }
        }
        String result = block.get("is_error") == JsonValue.TRUE ? "Error: " + text : text.toString();
        return JSON.createObjectBuilder().add("role", "tool").add("tool_call_id", id.getString())
                .add("content", result).build();
    }

    private static JsonObject textPart(String text) {
        return JSON.createObjectBuilder().add("type", "text").add("text", text).build();
    }

    private static JsonObject imagePart(JsonObject block, String at) {
        if (!(block.get("source") instanceof JsonObject source)) {
            throw invalid(at + ".source: Field required", at + ".source");
        }
        String url = switch (source.getString("type", "")) {
            case "base64" -> "data:" + source.getString("media_type", "image/png") + ";base64,"
                    + source.getString("data", "");
            case "url" -> source.getString("url", "");
            default -> throw invalid(at + ".source.type: only base64 and url image sources can be relayed",
                    at + ".source.type");
        };
        return JSON.createObjectBuilder().add("type", "image_url")
                .add("image_url", JSON.createObjectBuilder().add("url", url)).build();
    }

    private static void tools(JsonObject request, JsonObjectBuilder out) {
        if (request.get("tools") instanceof JsonArray tools && !tools.isEmpty()) {
            JsonArrayBuilder functions = JSON.createArrayBuilder();
            for (int i = 0; i < tools.size(); i++) {
                if (!(tools.get(i) instanceof JsonObject tool) || !(tool.get("name") instanceof JsonString name)) {
                    throw invalid("tools." + i + ".name: Field required", "tools." + i + ".name");
                }
                String type = tool.getString("type", "custom");
                if (!"custom".equals(type)) {
                    throw invalid("tools." + i + ".type: the server tool '" + type
                            + "' cannot be relayed; only custom tools can", "tools." + i + ".type");
                }
                JsonObjectBuilder function = JSON.createObjectBuilder().add("name", name.getString());
                if (tool.get("description") instanceof JsonString description) {
                    function.add("description", description.getString());
                }
                function.add("parameters", tool.getOrDefault("input_schema",
                        JSON.createObjectBuilder().add("type", "object").build()));
                functions.add(JSON.createObjectBuilder().add("type", "function").add("function", function));
            }
            out.add("tools", functions);
        }
        if (request.get("tool_choice") instanceof JsonObject choice) {
            switch (choice.getString("type", "")) {
                case "auto" -> out.add("tool_choice", "auto");
                case "any" -> out.add("tool_choice", "required");
                case "none" -> out.add("tool_choice", "none");
                case "tool" -> out.add("tool_choice", JSON.createObjectBuilder().add("type", "function")
                        .add("function", JSON.createObjectBuilder().add("name", choice.getString("name", ""))));
                default -> throw invalid("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'",
                        "tool_choice.type");
            }
            if (choice.get("disable_parallel_tool_use") == JsonValue.TRUE) {
                out.add("parallel_tool_calls", false);
            }
        }
    }

    private static void copyNumber(JsonObject request, String field, JsonObjectBuilder out) {
        JsonValue v = request.get(field);
        if (v instanceof JsonNumber) {
            out.add(field, v);
        } else if (v != null && v != JsonValue.NULL) {
            throw invalid(field + ": Input should be a number", field);
        }
    }

    private static JsonObject block(JsonArray blocks, int i, String at) {
        if (!(blocks.get(i) instanceof JsonObject block)) {
            throw invalid(at + ".content." + i + ": Input should be a content block", at + ".content." + i);
        }
        return block;
    }

    private static ApiException unsupported(JsonObject block, String at) {
        return invalid(at + ": content blocks of type '" + block.getString("type", "") + "' cannot be relayed here",
                at + ".type");
    }

    private static ApiException invalid(String message, String param) {
        return new ApiException(ApiError.invalidRequest(message, param));
    }
}
