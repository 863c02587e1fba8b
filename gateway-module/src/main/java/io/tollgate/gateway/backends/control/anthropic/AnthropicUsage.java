package io.tollgate.gateway.backends.control.anthropic;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

/**
 * Token counts as Anthropic reports them. Its {@code input_tokens} leave out what was read from or written to the
 * prompt cache, while OpenAI's {@code prompt_tokens} count the whole prompt, cached part included.
 */
record AnthropicUsage(int input, int cacheRead, int cacheCreation, int output) {

    /** Looked up once: {@code Json.*} looks the provider up again on every call, which costs more than the JSON. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final AnthropicUsage NONE = new AnthropicUsage(0, 0, 0, 0);

    /** These counts with whatever fields a usage object carries (a stream's message_delta repeats only some). */
    AnthropicUsage updatedBy(JsonObject usage) {
        if (usage == null) {
            return this;
        }
        return new AnthropicUsage(number(usage, "input_tokens", input), number(usage, "cache_read_input_tokens", cacheRead),
                number(usage, "cache_creation_input_tokens", cacheCreation), number(usage, "output_tokens", output));
    }

    int promptTokens() {
        return input + cacheRead + cacheCreation;
    }

    JsonObject toOpenAi() {
        return JSON.createObjectBuilder()
                .add("prompt_tokens", promptTokens())
                .add("completion_tokens", output)
                .add("total_tokens", promptTokens() + output)
                .add("prompt_tokens_details", JSON.createObjectBuilder().add("cached_tokens", cacheRead))
                .build();
    }

    private static int number(JsonObject usage, String field, int unchanged) {
        return usage.get(field) instanceof JsonNumber n ? n.intValue() : unchanged;
    }
}
