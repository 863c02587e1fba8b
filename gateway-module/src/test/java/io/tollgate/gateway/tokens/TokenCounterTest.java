package io.tollgate.gateway.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenCounterTest {

    private static int exact(String text) {
        return Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE).countTokensOrdinary(text);
    }

    @Test
    void countsAnOrdinaryTextExactly() {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(100);
        assertEquals(exact(text), TokenCounter.count("llama", text));
        assertEquals(2, TokenCounter.count("gpt-4o", "Hello world"), "o200k for gpt-4o");
    }

    @Test
    void countsOnlyTheBudgetExactlyAndExtrapolatesTheRestAtItsRatio() {
        // Beyond the budget the text changes character entirely; an exact count would see it, the bound must not.
        String counted = "x".repeat(TokenCounter.EXACT_CHARS);
        String beyond = random(TokenCounter.EXACT_CHARS, 7);
        int prefixTokens = exact(counted);
        assertEquals(2 * prefixTokens, TokenCounter.count("llama", counted + beyond),
                "the part beyond the budget is costed at the counted part's tokens per character");
        assertEquals(2 * prefixTokens, TokenCounter.count("llama", counted, beyond.length()));
    }

    @Test
    void extrapolationStaysCloseOnOrdinaryTextOfAMegabyte() {
        String text = "Streams that nobody reads still cost tokens, and somebody pays for them. ".repeat(15_000);
        int estimate = TokenCounter.count("llama", text);
        int truth = exact(text);
        assertEquals(truth, estimate, truth * 0.01, "within 1% of the exact count");
    }

    @Test
    void theBudgetIsPerRequestNotPerString() {
        String part = "x".repeat(TokenCounter.EXACT_CHARS / 2);
        String other = random(TokenCounter.EXACT_CHARS / 2, 3);
        var request = Json.createObjectBuilder().add("messages", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("role", "user").add("content", part))
                .add(Json.createObjectBuilder().add("role", "user").add("content", part))
                .add(Json.createObjectBuilder().add("role", "user").add("content", other))).build();
        int expected = TokenCounter.REPLY_PRIMING + 3 * TokenCounter.TOKENS_PER_MESSAGE + 3 * exact(part);
        assertEquals(expected, TokenCounter.promptTokens("llama", request),
                "the third string, past the request's budget, is costed at the first two's ratio");
    }

    @Test
    void neverSplitsASurrogatePairAtTheBudget() {
        String text = "a" + "\uD83D\uDE00".repeat(TokenCounter.EXACT_CHARS); // the budget falls inside a pair
        int estimate = TokenCounter.count("llama", text);
        int truth = exact(text);
        assertEquals(truth, estimate, truth * 0.01);
    }

    private static String random(int chars, long seed) {
        return new Random(seed).ints(chars, 33, 127)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
