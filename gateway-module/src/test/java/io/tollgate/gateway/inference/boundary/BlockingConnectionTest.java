package io.tollgate.gateway.inference.boundary;

import jakarta.ws.rs.core.StreamingOutput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockingConnectionTest {

    @Test
    void aWholeBodyIsResumedOnceWithItsStatusAndHeaders() throws Exception {
        CompletableFuture<BlockingConnection.Answer> resumed = new CompletableFuture<>();
        AtomicInteger resumes = new AtomicInteger();
        BlockingConnection c = new BlockingConnection(a -> {
            resumes.incrementAndGet();
            resumed.complete(a);
        });
        c.status(429);
        c.header("Content-Type", "application/json");
        c.header("Retry-After", "3");
        c.write(bytes("{\"error\":"));
        c.write(bytes("{}}"));
        assertFalse(resumed.isDone(), "not before the body is complete");
        c.complete();
        c.complete();

        BlockingConnection.Answer r = resumed.get(1, TimeUnit.SECONDS);
        assertEquals(429, r.status());
        assertEquals("3", r.headers().get("Retry-After"));
        assertEquals("{\"error\":{}}", new String((byte[]) r.entity(), StandardCharsets.UTF_8));
        assertEquals(1, resumes.get());
    }

    @Test
    void anEventStreamIsWrittenPieceByPieceAndAFullQueueIsBackpressure() throws Exception {
        CompletableFuture<BlockingConnection.Answer> resumed = new CompletableFuture<>();
        AtomicInteger resumes = new AtomicInteger();
        BlockingConnection c = new BlockingConnection(a -> {
            resumes.incrementAndGet();
            resumed.complete(a);
        });
        AtomicInteger writable = new AtomicInteger();
        c.open(writable::incrementAndGet, t -> { });
        c.header("Content-Type", "text/event-stream");
        for (int i = 0; i < 8; i++) {
            assertTrue(c.ready());
            c.write(bytes("data: " + i + "\n\n"));
        }
        assertFalse(c.ready(), "eight pieces wait: the relay must wait too");
        assertTrue(c.committed());
        c.complete();

        BlockingConnection.Answer r = resumed.get(1, TimeUnit.SECONDS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) r.entity()).write(out);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("data: 0\n\ndata: 1\n\n"));
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("data: 7\n\n"));
        assertEquals(8, writable.get(), "told after each piece left");
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
