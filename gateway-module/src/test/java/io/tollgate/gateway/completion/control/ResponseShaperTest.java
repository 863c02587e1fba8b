package io.tollgate.gateway.completion.control;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(new Usage(7, 2, 3), shaper.usage());
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
        String in = CHUNK + ": keep-alive\n\n" + "data: not json\n\n" + DONE;
        assertEquals(in, text(shaper.accept(bytes(in))));
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
        assertEquals(new Usage(4, 0, 5), shaper.usage());
    }

    @Test
    void leavesABodyThatIsNotJsonAsItCame() {
        ResponseShaper shaper = new ResponseShaper("llama", false, false);
        shaper.accept(bytes("<html>bad gateway</html>"));
        assertEquals("<html>bad gateway</html>", text(shaper.finish()));
        assertNull(shaper.usage());
    }
}
