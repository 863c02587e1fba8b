package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.tokens.TokenCounter;
import io.tollgate.gateway.tokens.Usage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseShaperTest {

    static final String CHUNK = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"meta-llama/Llama-3\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}],\"usage\":null}\n\n";
    static final String USAGE = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"meta-llama/Llama-3\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":2}}}\n\n";
    static final String DONE = "data: [DONE]\n\n";

    private static String text(List<ByteBuffer> buffers) {
        StringBuilder sb = new StringBuilder();
        for (ByteBuffer b : buffers) {
            sb.append(StandardCharsets.UTF_8.decode(b.duplicate()));
        }
        return sb.toString();
    }

    private static List<ByteBuffer> bytes(String s) {
        return List.of(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theFirstTokenIsTheFirstChunkWithContentNotTheRoleAlone() {
        ResponseShaper shaper = new ResponseShaper("llama", true, false);
        String role = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"meta-llama/Llama-3\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}]}\n\n";

        shaper.accept(bytes(role));
        assertEquals(0, shaper.firstContentNanos(), "the role alone is no token");
        long before = System.nanoTime();
        shaper.accept(bytes(CHUNK));
        long first = shaper.firstContentNanos();
        assertTrue(first >= before, "set at the chunk with content");
        shaper.accept(bytes(CHUNK + USAGE + DONE));
        assertEquals(first, shaper.firstContentNanos(), "the first, not the latest");
    }

    @Test
    void aToolCallOrARefusalIsAFirstTokenToo() {
        ResponseShaper tools = new ResponseShaper("llama", true, false);
        tools.accept(bytes("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{"
                + "\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}\n\n"));
        assertTrue(tools.firstContentNanos() > 0);
        ResponseShaper refusal = new ResponseShaper("llama", true, false);
        refusal.accept(bytes("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{"
                + "\"index\":0,\"delta\":{\"refusal\":\"I can't\"},\"finish_reason\":null}]}\n\n"));
        assertTrue(refusal.firstContentNanos() > 0);
    }

    @Test
    void hidesTheUsageChunkFromAClientThatDidNotAskButRecordsIt() {
        ResponseShaper shaper = new ResponseShaper("llama", true, false);
        String out = text(shaper.accept(bytes(CHUNK + USAGE + DONE)));
        assertFalse(out.contains("prompt_tokens"), out);
        assertFalse(out.contains("\"usage\""), "no usage key at all for a client that did not ask: " + out);
        assertTrue(out.endsWith(DONE));
        assertEquals(new Usage(7, 2, 3, false), shaper.usage());
    }

    @Test
    void keepsTheUsageChunkForAClientThatAsked() {
        ResponseShaper shaper = new ResponseShaper("llama", true, true);
        String out = text(shaper.accept(bytes(CHUNK + USAGE + DONE)));
        assertTrue(out.contains("\"total_tokens\":10"), out);
        assertTrue(out.contains("\"usage\":null"), out);
        assertEquals(10, shaper.usage().totalTokens());
    }

    @Test
    void putsThePublicModelNameBackInEveryChunk() {
        ResponseShaper shaper = new ResponseShaper("llama", true, true);
        String out = text(shaper.accept(bytes(CHUNK + USAGE)));
        assertFalse(out.contains("meta-llama/Llama-3"), out);
        assertEquals(2, out.split("\"model\":\"llama\"", -1).length - 1, out);
    }

    @Test
    void passesEventsThroughUntouchedWhenThereIsNothingToChange() {
        ResponseShaper shaper = new ResponseShaper("meta-llama/Llama-3", true, true);
        String in = CHUNK + ": keep-alive\n\n" + "event: ping\n\n" + USAGE + DONE;
        assertEquals(in, text(shaper.accept(bytes(in))));
        assertEquals("", text(shaper.finish()), "a stream that said [DONE] needs nothing more");
    }

    @Test
    void refusesAStreamEventThatIsNotJsonSoTheRelayEndsTheStreamWithAnError() {
        for (String garbage : new String[]{"data: not json\n\n", "data: {\"cut\n\n", "data: [1,2]\n\n"}) {
            ResponseShaper shaper = new ResponseShaper("llama", true, true);
            shaper.accept(bytes(CHUNK));
            assertThrows(IllegalStateException.class, () -> shaper.accept(bytes(garbage)), garbage);
        }
    }

    @Test
    void endsAStreamCutOffBeforeDoneWithAnErrorEvent() {
        ResponseShaper shaper = new ResponseShaper("llama", true, false);
        shaper.accept(bytes(CHUNK + "data: {\"id\":\"c\",\"obj"));
        String rest = text(shaper.finish());
        assertTrue(rest.endsWith("\"code\":\"upstream_error\"}}\n\n"), rest);
        assertTrue(rest.startsWith("data: {\"error\""), "the half event is not relayed: " + rest);
        assertTrue(shaper.usageSoFar() != null, "what was generated is still counted");
    }

    @Test
    void addsNoErrorOfItsOwnAfterAnUpstreamErrorEvent() {
        ResponseShaper shaper = new ResponseShaper("llama", true, false);
        shaper.accept(bytes(CHUNK + "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n"));
        assertEquals("", text(shaper.finish()));
    }

    @Test
    void reshapesANonStreamedBodyWhenComplete() {
        ResponseShaper shaper = new ResponseShaper("llama", false, false);
        String body = "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"meta-llama/Llama-3\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":5,\"total_tokens\":9}}";
        assertTrue(shaper.accept(bytes(body.substring(0, 10))).isEmpty());
        assertTrue(shaper.accept(bytes(body.substring(10))).isEmpty());
        String out = text(shaper.finish());
        assertTrue(out.contains("\"model\":\"llama\""), out);
        assertTrue(out.contains("\"total_tokens\":9"), "a non-streamed body keeps its usage: " + out);
        assertEquals(new Usage(4, 0, 5, false), shaper.usage());
    }

    static final String NO_USAGE_STREAM = "data: {\"id\":\"c9\",\"object\":\"chat.completion.chunk\",\"created\":5,"
            + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello world\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"c9\",\"object\":\"chat.completion.chunk\",\"created\":5,\"model\":\"gpt-4o\","
            + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" + DONE;

    @Test
    void countsTheTokensItselfWhenTheUpstreamReportsNoUsage() {
        ResponseShaper shaper = new ResponseShaper("gpt-4o", true, false, "gpt-4o", () -> 11);
        String out = text(shaper.accept(bytes(NO_USAGE_STREAM)));
        assertFalse(out.contains("usage"), "a client that did not ask gets no usage chunk: " + out);
        assertEquals(new Usage(11, 0, 2, true), shaper.usage(), "'Hello world' is two o200k tokens, flagged estimated");
    }

    @Test
    void keepsOnlyTheCountedPartOfAHugeAnswerAndCostsTheRestAtItsRatio() {
        ResponseShaper shaper = new ResponseShaper("llama", true, false, "llama", () -> 1);
        String piece = "x".repeat(4096);
        String chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + piece + "\"}}]}\n\n";
        int chunks = 4 * TokenCounter.EXACT_CHARS / piece.length();
        for (int i = 0; i < chunks; i++) {
            shaper.accept(bytes(chunk));
        }
        int counted = TokenCounter.count("llama", "x".repeat(TokenCounter.EXACT_CHARS));
        assertEquals(new Usage(1, 0, 4 * counted, true), shaper.usageSoFar(),
                "a client gone from an endless answer is billed for all of it, counted in bounded time");
    }

    @Test
    void givesAClientThatAskedAnEstimatedUsageChunkBeforeDone() {
        ResponseShaper shaper = new ResponseShaper("gpt-4o", true, true, "gpt-4o", () -> 11);
        String out = text(shaper.accept(bytes(NO_USAGE_STREAM)));
        int usageAt = out.indexOf("\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":2,\"total_tokens\":13}");
        assertTrue(usageAt > 0, out);
        assertTrue(usageAt < out.indexOf("[DONE]"));
        assertTrue(out.contains("\"id\":\"c9\",\"object\":\"chat.completion.chunk\",\"created\":5"), out);
    }

    @Test
    void trustsTheUpstreamsUsageOverItsOwnCount() {
        ResponseShaper shaper = new ResponseShaper("llama", true, true, "llama", () -> { throw new AssertionError(); });
        shaper.accept(bytes(CHUNK + USAGE + DONE));
        assertFalse(shaper.usage().estimated());
    }

    @Test
    void leavesABodyThatIsNotJsonAsItCame() {
        ResponseShaper shaper = new ResponseShaper("llama", false, false);
        shaper.accept(bytes("<html>bad gateway</html>"));
        assertEquals("<html>bad gateway</html>", text(shaper.finish()));
        assertNull(shaper.usage(), "nothing to count in a body that is not a completion");
    }

    private static jakarta.json.JsonObject json(String text) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(text))) {
            return reader.readObject();
        }
    }

    /** Chunks the fast path takes: content with escapes, usage null first or last, a dated model, several choices. */
    static final List<String> PLAIN_CHUNKS = List.of(
            "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"Hi \\\"there\\\"\\n\\u00e9\\\\ \\/\"},\"finish_reason\":null}],\"usage\":null}",
            "{\"usage\":null,\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":2,\"model\":\"up-2024-08-06\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
            "{\"id\":\"c3\",\"object\":\"chat.completion.chunk\",\"created\":3,\"model\":\"up\",\"system_fingerprint\":\"fp\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
            "{\"id\":\"c4\",\"model\":\"with \\\"quote\\\"\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},"
                    + "{\"index\":1,\"delta\":{\"content\":\"b\"}}],\"usage\":null}",
            "{\"id\":\"c5\",\"model\":\"llama\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hm\","
                    + "\"content\":null}}],\"usage\":null}");

    @Test
    void shapesPlainChunksExactlyAsAFullParseWould() {
        for (boolean wantsUsage : new boolean[]{false, true}) {
            for (String chunk : PLAIN_CHUNKS) {
                ResponseShaper shaper = new ResponseShaper("llama", true, wantsUsage);
                String out = text(shaper.accept(bytes("data: " + chunk + "\n\n")));
                assertTrue(out.startsWith("data: ") && out.endsWith("\n\n"), out);
                var in = json(chunk);
                var expected = jakarta.json.Json.createObjectBuilder(in).add("model", "llama");
                if (!wantsUsage && in.containsKey("usage")) {
                    expected.remove("usage");
                }
                assertEquals(expected.build(), json(out.substring(6).strip()), "usage asked: " + wantsUsage);
            }
        }
    }

    @Test
    void passesThePlainChunksTextAsSentBesidesTheModelAndTheUsageItCuts() {
        String chunk = PLAIN_CHUNKS.get(0);
        ResponseShaper shaper = new ResponseShaper("llama", true, false);

        String out = text(shaper.accept(bytes("data: " + chunk + "\n\n")));

        // Escapes kept as the upstream wrote them (a re-serialisation would write \u00e9 as é and \/ as /).
        assertEquals("data: " + chunk.replace("\"model\":\"up\"", "\"model\":\"llama\"").replace(",\"usage\":null", "")
                + "\n\n", out);
    }

    @Test
    void countsTheContentOfPlainChunksWhenTheUpstreamReportsNoUsage() {
        List<String> pieces = List.of("Hello, \"world\"\n", "é ünïcode ✓ ", "tab\there \\ and \u2028 ", "end.");
        ResponseShaper shaper = new ResponseShaper("llama", true, true, "gpt-4o", () -> 5);
        StringBuilder stream = new StringBuilder();
        int n = 0;
        for (String piece : pieces) {
            stream.append("data: {\"id\":\"last\",\"object\":\"chat.completion.chunk\",\"created\":").append(40 + ++n)
                    .append(",\"model\":\"up\",\"choices\":[{\"index\":0,\"delta\":{\"content\":")
                    .append(jakarta.json.Json.createValue(piece)).append("}}],\"usage\":null}\n\n");
        }
        String out = text(shaper.accept(bytes(stream + DONE)));

        Usage usage = shaper.usage();
        assertTrue(usage.estimated());
        assertEquals(TokenCounter.count("gpt-4o", new StringBuilder(String.join("", pieces)), 0),
                usage.completionTokens());
        assertEquals(5, usage.promptTokens());
        // The usage chunk Tollgate writes carries the last chunk's id and time.
        String usageChunk = out.substring(out.lastIndexOf("data: {"), out.lastIndexOf(DONE)).substring(6).strip();
        assertEquals("last", json(usageChunk).getString("id"));
        assertEquals(44, json(usageChunk).getJsonNumber("created").intValue());
    }

    @Test
    void aMalformedEscapeInAPlainLookingChunkIsStillRefused() {
        ResponseShaper shaper = new ResponseShaper("llama", true, false);
        assertThrows(IllegalStateException.class, () -> shaper.accept(bytes("data: {\"id\":\"x\",\"model\":\"up\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"bad \\q\"}}],\"usage\":null}\n\n")));
    }
}
