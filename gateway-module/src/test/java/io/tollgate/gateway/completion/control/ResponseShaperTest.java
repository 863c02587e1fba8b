package io.tollgate.gateway.completion.control;

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
}
