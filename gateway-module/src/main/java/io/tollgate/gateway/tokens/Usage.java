package io.tollgate.gateway.tokens;

import io.tollgate.gateway.platform.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Token counts of one completion: as the upstream reported them, or counted by Tollgate ({@code estimated}) when the
 * upstream reported none.
 */
public record Usage(int promptTokens, int cachedPromptTokens, int completionTokens, boolean estimated) {

    public static Usage from(JsonObject usage) {
        int cached = 0;
        if (usage.get("prompt_tokens_details") instanceof JsonObject details) {
            cached = number(details.get("cached_tokens"));
        }
        return new Usage(number(usage.get("prompt_tokens")), cached, number(usage.get("completion_tokens")), false);
    }

    private static int number(JsonValue v) {
        return v instanceof JsonNumber n ? n.intValue() : 0;
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }

    public JsonObject toJson() {
        return Jsonp.PROVIDER.createObjectBuilder().add("prompt_tokens", promptTokens).add("completion_tokens", completionTokens)
                .add("total_tokens", totalTokens()).build();
    }
}
