package io.tollgate.gateway.usage.control;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessLogTest {

    /** Collects what is written; flushes counted, so a test can see that lines left the buffer. */
    static final class Sink extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch open;
        volatile int flushes;

        Sink(CountDownLatch open) {
            this.open = open;
        }

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                open.await(); // a stalled disk or pipe, until the test opens it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                bytes.write(b, off, len);
            }
        }

        @Override
        public void flush() {
            flushes++;
        }

        synchronized List<String> lines() {
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(text.isEmpty() || text.endsWith("\n"), "whole lines only");
            return text.isEmpty() ? List.of() : List.of(text.substring(0, text.length() - 1).split("\n"));
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    @Test
    void writesEveryLineInOrderAndFlushesOnceCaughtUp() throws Exception {
        Sink sink = new Sink(new CountDownLatch(0));
        AccessLog log = new AccessLog(sink, 10_000);
        List<String> sent = IntStream.range(0, 5_000).mapToObj(i -> "{\"n\":" + i + "}").toList();

        sent.forEach(log::offer);
        await(() -> log.written() == sent.size() && sink.flushes > 0);

        assertEquals(sent, sink.lines());
        assertEquals(0, log.dropped());
        assertTrue(sink.flushes > 0, "flushed once the queue was empty");
        log.stop(1_000);
    }

    @Test
    void aStalledOutputNeitherBlocksRequestsNorLosesTheQueuedLines() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        Sink sink = new Sink(open);
        AccessLog log = new AccessLog(sink, 100);

        long started = System.nanoTime();
        int accepted = 0;
        for (int i = 0; i < 1_000; i++) {
            if (log.offer("line " + i)) {
                accepted++;
            }
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertTrue(tookMillis < 1_000, "offering never waits for the output (" + tookMillis + " ms)");
        // The writer holds one batch while stalled, the queue the next 100; the rest is dropped and counted.
        assertTrue(accepted >= 100 && accepted <= 100 + AccessLog.BATCH, "accepted " + accepted);
        assertEquals(1_000 - accepted, log.dropped());

        open.countDown();
        log.stop(5_000);
        assertEquals(accepted, sink.lines().size(), "every accepted line written, stop included");
        assertEquals(accepted, log.written());
    }
}
