package io.tollgate.gateway.backends.control.anthropic;

import io.tollgate.gateway.platform.ApiError;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Anthropic's whole answers in OpenAI's shape: a Messages response as a {@code chat.completion}, an error body
 * ({@code {"type":"error","error":{"type","message"}}}) as OpenAI's {@code {"error":{…}}}.
 */
final class AnthropicResponseTranslation {

    /** Looked up once: {@code Json.*} looks the provider up again on every call, which costs more than the JSON. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final int MAX_QUOTED_BODY = 200;

    private AnthropicResponseTranslation() {
    }

    /**
     * The chat completion for a Messages response body; a body that is not a message passes as it came, since the
     * status line has already gone out.
     */
    public static byte[] completion(byte[] body, String requestedModel, long created) {
        JsonObject message = parse(body);
        if (message == null || !"message".equals(message.getString("type", ""))) {
            return body;
        }
        return completion(message, requestedModel, created).toString().getBytes(StandardCharsets.UTF_8);
    }

    public static JsonObject completion(JsonObject message, String requestedModel, long created) {
        StringBuilder text = new StringBuilder();
        boolean hasText = false;
        JsonArrayBuilder toolCalls = JSON.createArrayBuilder();
        boolean hasToolCalls = false;
        if (message.get("content") instanceof JsonArray content) {
            for (JsonValue value : content) {
                if (!(value instanceof JsonObject block)) {
                    continue;
                }
                switch (block.getString("type", "")) {
                    case "text" -> {
                        text.append(block.getString("text", ""));
                        hasText = true;
                    }
                    case "tool_use" -> {
                        JsonValue input = block.getOrDefault("input", JsonValue.EMPTY_JSON_OBJECT);
                        toolCalls.add(JSON.createObjectBuilder().add("id", block.getString("id", ""))
                                .add("type", "function")
                                .add("function", JSON.createObjectBuilder().add("name", block.getString("name", ""))
                                        .add("arguments", input.toString())));
                        hasToolCalls = true;
                    }
                    default -> {
                        // thinking and server-tool blocks have no place in a chat completion
                    }
                }
            }
        }
        JsonObjectBuilder reply = JSON.createObjectBuilder().add("role", "assistant");
        if (hasText) {
            reply.add("content", text.toString());
        } else {
            reply.addNull("content");
        }
        reply.addNull("refusal");
        if (hasToolCalls) {
            reply.add("tool_calls", toolCalls);
        }
        JsonObjectBuilder choice = JSON.createObjectBuilder().add("index", 0).add("message", reply).addNull("logprobs");
        String finish = finishReason(message.get("stop_reason"));
        if (finish == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finish);
        }
        AnthropicUsage usage = AnthropicUsage.NONE.updatedBy(
                message.get("usage") instanceof JsonObject u ? u : null);
        return JSON.createObjectBuilder()
                .add("id", message.getString("id", ""))
                .add("object", "chat.completion")
                .add("created", created)
                .add("model", message.getString("model", requestedModel))
                .add("choices", JSON.createArrayBuilder().add(choice))
                .add("usage", usage.toOpenAi())
                .build();
    }

    /** OpenAI's finish_reason for Anthropic's stop_reason; null while there is none. */
    public static String finishReason(JsonValue stopReason) {
        if (!(stopReason instanceof JsonString s)) {
            return null;
        }
        return switch (s.getString()) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    /** The OpenAI-shaped error for an Anthropic error body, keeping the status; any body will do. */
    public static ApiError error(int status, byte[] body) {
        JsonObject json = parse(body);
        if (json != null && json.get("error") instanceof JsonObject error) {
            return error(status, error);
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_QUOTED_BODY) {
            text = text.substring(0, MAX_QUOTED_BODY) + "…";
        }
        return new ApiError(status, "The backend answered HTTP " + status + (text.isEmpty() ? "." : ": " + text),
                status >= 500 ? "server_error" : "invalid_request_error", null, null);
    }

    /**
     * The OpenAI-shaped error for Anthropic's inner {@code error} object. Anthropic's error types (invalid_request_error,
     * authentication_error, rate_limit_error, overloaded_error, …) are kept as the type, as OpenAI's own overlap them;
     * a rate limit also gets OpenAI's code for it, which clients look for.
     */
    static ApiError error(int status, JsonObject error) {
        String type = error.getString("type", status >= 500 ? "server_error" : "invalid_request_error");
        String message = error.getString("message", "The backend answered HTTP " + status + ".");
        return new ApiError(status, message, type, null, "rate_limit_error".equals(type) ? "rate_limit_exceeded" : null);
    }

    static JsonObject parse(byte[] body) {
        return parse(new String(body, StandardCharsets.UTF_8));
    }

    static JsonObject parse(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue() instanceof JsonObject o ? o : null;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }
}
