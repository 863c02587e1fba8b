package io.tollgate.gateway.sse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an SSE byte stream into whole events, however the network split it. An event ends at a blank line
 * ({@code \n\n}, {@code \r\n\r\n} or {@code \r\r}); what follows the last blank line waits for the next piece.
 * The held tail is bounded: an upstream that never ends an event is cut off rather than buffered forever.
 */
public final class SseEventSplitter {

    static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

    private final ByteArrayOutputStream tail = new ByteArrayOutputStream();

    /** Complete events (text including their terminating blank line) found after adding these bytes. */
    public List<String> accept(ByteBuffer bytes) {
        byte[] chunk = new byte[bytes.remaining()];
        bytes.get(chunk);
        tail.write(chunk, 0, chunk.length);
        byte[] all = tail.toByteArray();
        List<String> events = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            int end = eventEnd(all, i);
            if (end > 0) {
                events.add(new String(all, start, end - start, StandardCharsets.UTF_8));
                start = end;
                i = end - 1;
            }
        }
        tail.reset();
        tail.write(all, start, all.length - start);
        if (tail.size() > MAX_EVENT_BYTES) {
            throw new IllegalStateException("an upstream SSE event exceeded " + MAX_EVENT_BYTES + " bytes");
        }
        return events;
    }

    /** Whatever is left when the stream ends without a final blank line. */
    public String remainder() {
        String rest = tail.toString(StandardCharsets.UTF_8);
        tail.reset();
        return rest;
    }

    private static int eventEnd(byte[] b, int i) {
        if (b[i] == '\n' && i + 1 < b.length && b[i + 1] == '\n') {
            return i + 2;
        }
        if (b[i] == '\r' && i + 3 < b.length && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
            return i + 4;
        }
        if (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\r') {
            return i + 2;
        }
        return -1;
    }
}
