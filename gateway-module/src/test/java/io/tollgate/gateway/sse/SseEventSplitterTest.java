package io.tollgate.gateway.sse;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SseEventSplitterTest {

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void joinsEventsSplitAcrossPiecesAtAnyByte() {
        String stream = "data: {\"a\":1}\n\ndata: {\"b\":\"é\"}\n\n: keep-alive\n\ndata: [DONE]\n\n";
        byte[] all = stream.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < all.length; cut++) {
            SseEventSplitter splitter = new SseEventSplitter();
            List<String> events = new ArrayList<>(splitter.accept(ByteBuffer.wrap(all, 0, cut)));
            events.addAll(splitter.accept(ByteBuffer.wrap(all, cut, all.length - cut)));
            assertEquals(List.of("data: {\"a\":1}\n\n", "data: {\"b\":\"é\"}\n\n", ": keep-alive\n\n", "data: [DONE]\n\n"),
                    events, "cut at " + cut);
        }
    }

    @Test
    void understandsCrLfLineEndings() {
        SseEventSplitter splitter = new SseEventSplitter();
        assertEquals(List.of("data: x\r\n\r\n"), splitter.accept(bytes("data: x\r\n\r\ndata: y")));
        assertEquals("data: y", splitter.remainder());
    }

    @Test
    void refusesAnEventThatNeverEnds() {
        SseEventSplitter splitter = new SseEventSplitter();
        byte[] huge = new byte[SseEventSplitter.MAX_EVENT_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'x');
        assertThrows(IllegalStateException.class, () -> splitter.accept(ByteBuffer.wrap(huge)));
    }
}
