package io.tollgate.gateway.backends.control.anthropic;

import io.tollgate.gateway.backends.control.anthropic.AnthropicRequestTranslation.Untranslatable;
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

/**
 * OpenAI's function tools as Anthropic's: the tool list and choice of a request, and an assistant's tool call as a
 * {@code tool_use} block (its arguments parsed from OpenAI's JSON string).
 */
final class AnthropicTools {

    private static final JsonProvider JSON = JsonProvider.provider();

    private AnthropicTools() {
    }

    static JsonObject toolUse(JsonValue value, String at) {
        if (!(value instanceof JsonObject call) || !(call.get("function") instanceof JsonObject function)) {
            throw new Untranslatable("'" + at + "' must be a function tool call.", at);
        }
        String id = call.getString("id", "");
        String name = function.getString("name", "");
        if (id.isEmpty() || name.isEmpty()) {
            throw new Untranslatable("'" + at + "' needs an id and a function name.", at);
        }
        return JSON.createObjectBuilder().add("type", "tool_use").add("id", id).add("name", name)
                .add("input", arguments(function.get("arguments"), at + ".function.arguments")).build();
    }

    /** OpenAI carries tool arguments as a JSON string, Anthropic as the object itself. */
    private static JsonObject arguments(JsonValue arguments, String at) {
        if (arguments == null || arguments == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (arguments instanceof JsonObject o) {
            return o;
        }
        String text = arguments instanceof JsonString s ? s.getString().strip() : "";
        if (text.isEmpty()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            if (reader.readValue() instanceof JsonObject o) {
                return o;
            }
        } catch (JsonException | IllegalStateException notJson) {
            // refused below
        }
        throw new Untranslatable("'" + at + "' must be a JSON object for this model.", at);
    }

    static void copyTools(JsonObject chat, JsonObjectBuilder out) {
        if (!(chat.get("tools") instanceof JsonArray tools) || tools.isEmpty()) {
            return; // a tool_choice without tools means nothing to Anthropic
        }
        JsonArrayBuilder anthropicTools = JSON.createArrayBuilder();
        for (int i = 0; i < tools.size(); i++) {
            String at = "tools[" + i + "]";
            if (!(tools.get(i) instanceof JsonObject tool) || !"function".equals(tool.getString("type", "function"))
                    || !(tool.get("function") instanceof JsonObject function)) {
                throw new Untranslatable("Only function tools can be sent to this model ('" + at + "').", at);
            }
            String name = function.getString("name", "");
            if (name.isEmpty()) {
                throw new Untranslatable("Missing required parameter: '" + at + ".function.name'.", at + ".function.name");
            }
            JsonObjectBuilder anthropicTool = JSON.createObjectBuilder().add("name", name);
            if (function.get("description") instanceof JsonString d) {
                anthropicTool.add("description", d.getString());
            }
            anthropicTool.add("input_schema", function.get("parameters") instanceof JsonObject schema ? schema
                    : JSON.createObjectBuilder().add("type", "object").add("properties", JsonValue.EMPTY_JSON_OBJECT).build());
            anthropicTools.add(anthropicTool);
        }
        out.add("tools", anthropicTools);
        JsonObject choice = toolChoice(chat.get("tool_choice"), chat.get("parallel_tool_calls") == JsonValue.FALSE);
        if (choice != null) {
            out.add("tool_choice", choice);
        }
    }

    private static JsonObject toolChoice(JsonValue choice, boolean oneCallAtMost) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        if (choice == null || choice == JsonValue.NULL) {
            if (!oneCallAtMost) {
                return null;
            }
            b.add("type", "auto");
        } else if (choice instanceof JsonString s) {
            switch (s.getString()) {
                case "auto" -> b.add("type", "auto");
                case "required" -> b.add("type", "any");
                case "none" -> {
                    return JSON.createObjectBuilder().add("type", "none").build();
                }
                default -> throw new Untranslatable("'tool_choice' must be none, auto, required or a function.",
                        "tool_choice");
            }
        } else if (choice instanceof JsonObject o && "function".equals(o.getString("type", ""))
                && o.get("function") instanceof JsonObject f && !f.getString("name", "").isEmpty()) {
            b.add("type", "tool").add("name", f.getString("name"));
        } else {
            throw new Untranslatable("'tool_choice' must be none, auto, required or a function for this model.",
                    "tool_choice");
        }
        if (oneCallAtMost) {
            b.add("disable_parallel_tool_use", true);
        }
        return b.build();
    }
}
