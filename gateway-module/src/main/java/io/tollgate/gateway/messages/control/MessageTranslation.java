package io.tollgate.gateway.messages.control;

import io.tollgate.gateway.platform.ApiError;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * OpenAI's whole answers in Anthropic's shape: a {@code chat.completion} as a {@code message}, an error body
 * ({@code {"error":{…}}}) or an {@link ApiError} as {@code {"type":"error","error":{"type","message"}}}.
 */
public final class MessageTranslation {

    /** Looked up once: {@code Json.*} looks the provider up again on every call, which costs more than the JSON. */
    static final JsonProvider JSON = JsonProvider.provider();

    private MessageTranslation() {
    }

    /** The message for a chat completion body, the Anthropic error for an OpenAI error body; anything else as it came. */
    public static byte[] body(byte[] body, String publicModel) {
        JsonObject json = parse(new String(body, StandardCharsets.UTF_8));
        if (json == null) {
            return body;
        }
        if (json.get("error") instanceof JsonObject error) {
            return relayedError(error).toString().getBytes(StandardCharsets.UTF_8);
        }
        if (json.get("choices") instanceof JsonArray) {
            return message(json, publicModel).toString().getBytes(StandardCharsets.UTF_8);
        }
        return body;
    }

    public static JsonObject message(JsonObject completion, String publicModel) {
        JsonObject reply = JsonValue.EMPTY_JSON_OBJECT;
        JsonValue finish = null;
        if (completion.get("choices") instanceof JsonArray choices && !choices.isEmpty()
                && choices.get(0) instanceof JsonObject choice) {
            reply = choice.get("message") instanceof JsonObject m ? m : reply;
            finish = choice.get("finish_reason");
        }
        JsonArrayBuilder content = JSON.createArrayBuilder();
        String text = reply.get("content") instanceof JsonString s ? s.getString()
                : reply.get("refusal") instanceof JsonString r ? r.getString() : "";
        if (!text.isEmpty()) {
            content.add(JSON.createObjectBuilder().add("type", "text").add("text", text));
        }
        if (reply.get("tool_calls") instanceof JsonArray calls) {
            for (JsonValue c : calls) {
                if (c instanceof JsonObject call && call.get("function") instanceof JsonObject function) {
                    content.add(JSON.createObjectBuilder().add("type", "tool_use").add("id", call.getString("id", ""))
                            .add("name", function.getString("name", ""))
                            .add("input", toolInput(function.getString("arguments", ""))));
                }
            }
        }
        JsonObject usage = completion.get("usage") instanceof JsonObject u ? u : JsonValue.EMPTY_JSON_OBJECT;
        return JSON.createObjectBuilder()
                .add("id", messageId(completion.getString("id", "")))
                .add("type", "message")
                .add("role", "assistant")
                .add("model", publicModel)
                .add("content", content)
                .add("stop_reason", stopReason(finish instanceof JsonString f ? f.getString() : null))
                .addNull("stop_sequence")
                .add("usage", usage(usage, true))
                .build();
    }

    /**
     * Anthropic's stop_reason for OpenAI's finish_reason: the inverse of the table the anthropic backend kind uses
     * ({@code AnthropicResponseTranslation.finishReason}). A missing one is a plain end of turn.
     */
    public static String stopReason(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /**
     * Anthropic's usage for OpenAI's: Anthropic's input_tokens leave out what was read from the prompt cache, which
     * OpenAI's prompt_tokens include.
     */
    static JsonObject usage(JsonObject openAi, boolean withCacheCreation) {
        int prompt = number(openAi.get("prompt_tokens"));
        int cached = openAi.get("prompt_tokens_details") instanceof JsonObject d ? number(d.get("cached_tokens")) : 0;
        JsonObjectBuilder usage = JSON.createObjectBuilder().add("input_tokens", Math.max(0, prompt - cached));
        if (withCacheCreation) {
            usage.add("cache_creation_input_tokens", 0);
        }
        return usage.add("cache_read_input_tokens", cached)
                .add("output_tokens", number(openAi.get("completion_tokens"))).build();
    }

    /** Anthropic's error body for one of Tollgate's errors: the type follows the status, as Anthropic's does. */
    public static JsonObject error(ApiError error) {
        return error(errorType(error.status()), error.message());
    }

    /**
     * Anthropic's error body for an OpenAI-shaped error an upstream answered (a 4xx, whose status the client sees
     * already). The status is not at hand here, so the type comes from OpenAI's code and type.
     */
    static JsonObject relayedError(JsonObject error) {
        String code = error.get("code") instanceof JsonString c ? c.getString() : "";
        String type = error.getString("type", "");
        String anthropicType = switch (code) {
            case "invalid_api_key", "expired_api_key" -> "authentication_error";
            case "insufficient_permissions" -> "permission_error";
            case "model_not_found", "not_found" -> "not_found_error";
            case "request_too_large" -> "request_too_large";
            case "rate_limit_exceeded", "insufficient_quota" -> "rate_limit_error";
            default -> switch (type) {
                case "authentication_error", "permission_error", "not_found_error", "request_too_large",
                     "rate_limit_error", "api_error", "overloaded_error", "billing_error", "timeout_error" -> type;
                case "requests", "tokens", "insufficient_quota" -> "rate_limit_error";
                case "server_error" -> "api_error";
                default -> "invalid_request_error";
            };
        };
        return error(anthropicType, error.getString("message", "The backend refused the request."));
    }

    static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static JsonObject error(String type, String message) {
        return JSON.createObjectBuilder().add("type", "error")
                .add("error", JSON.createObjectBuilder().add("type", type).add("message", message)).build();
    }

    /** One SSE event as Anthropic writes them: the event type on its own line, then the data. */
    static String event(String type, JsonObject data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    static String messageId(String completionId) {
        return completionId.startsWith("msg_") ? completionId : "msg_" + completionId;
    }

    /** A tool call's arguments as the object Anthropic's input is; arguments that are not one are kept as a string. */
    static JsonObject toolInput(String arguments) {
        if (arguments.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonObject input = parse(arguments);
        return input != null ? input : JSON.createObjectBuilder().add("arguments", arguments).build();
    }

    static JsonObject parse(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue() instanceof JsonObject o ? o : null;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    private static int number(JsonValue v) {
        return v instanceof JsonNumber n ? n.intValue() : 0;
    }
}
