package io.tollgate.gateway.inference.boundary;

import io.tollgate.gateway.platform.ApiException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The body read by callbacks, with a clock and a timer the test moves by hand. */
class AsyncBodyReaderTest {

    private static final AsyncBodyReader.Timeouts TIMEOUTS =
            new AsyncBodyReader.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ManualTimer timer = new ManualTimer();
    private final Upload upload = new Upload();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aBodyAlreadyReceivedCompletesAtOnceWithoutATimer() throws Exception {
        upload.arrived("{\"model\":\"m\"}");
        upload.ended();

        CompletableFuture<byte[]> body = read(1024);

        assertArrayEquals("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8), body.get());
        assertTrue(timer.tasks.isEmpty(), "no timer for a body that was already there");
    }

    @Test
    void piecesArrivingOverTimeMakeOneBody() throws Exception {
        CompletableFuture<byte[]> body = read(1024);
        assertFalse(body.isDone());

        later(Duration.ofSeconds(8));
        upload.arrived("{\"model\":");
        timer.runDue(now.get()); // 8 s after the start, 0 s after a piece: still waiting
        later(Duration.ofSeconds(8));
        upload.arrived("\"m\"}");
        timer.runDue(now.get());
        upload.ended();

        assertEquals("{\"model\":\"m\"}", new String(body.get(), StandardCharsets.UTF_8));
    }

    @Test
    void aBodyThatStopsArrivingIsRefusedWith408AfterTheIdleTimeout() {
        CompletableFuture<byte[]> body = read(1024);
        upload.arrived("{\"mo");

        later(Duration.ofSeconds(9));
        timer.runDue(now.get());
        assertFalse(body.isDone(), "9 s of silence is within the 10 s allowed");
        later(Duration.ofSeconds(1));
        timer.runDue(now.get());

        ApiException refused = refusal(body);
        assertEquals(408, refused.error().status());
        assertEquals("request_timeout", refused.error().code());
        assertTrue(refused.error().message().contains("stopped arriving for 10 s"), refused.error().message());
    }

    @Test
    void aTrickleThatNeverEndsIsRefusedAfterTheTotalTimeout() {
        CompletableFuture<byte[]> body = read(1024);
        for (int i = 0; i < 12 && !body.isDone(); i++) {
            later(Duration.ofSeconds(5));
            upload.arrived("x");
            timer.runDue(now.get());
        }

        ApiException refused = refusal(body);
        assertEquals(408, refused.error().status());
        assertTrue(refused.error().message().contains("within 60 s"), refused.error().message());
    }

    @Test
    void moreThanTheLimitIsRefusedWith413() {
        CompletableFuture<byte[]> body = read(8);

        upload.arrived("{\"model\":\"m\"}");

        assertEquals(413, refusal(body).error().status());
    }

    @Test
    void aConnectionThatBreaksIsA408() {
        CompletableFuture<byte[]> body = read(1024);

        upload.broke();

        assertEquals(408, refusal(body).error().status());
    }

    @Test
    void theTimerIsCancelledOnceTheBodyIsIn() throws Exception {
        CompletableFuture<byte[]> body = read(1024);
        assertEquals(1, timer.tasks.size());

        upload.arrived("{}");
        upload.ended();

        body.get();
        assertTrue(timer.tasks.get(0).isCancelled());
    }

    private CompletableFuture<byte[]> read(int maxBytes) {
        return AsyncBodyReader.read(upload, maxBytes, -1, TIMEOUTS, timer, now::get);
    }

    private void later(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private static ApiException refusal(CompletableFuture<byte[]> body) {
        ExecutionException e = assertThrows(ExecutionException.class, body::get);
        return assertInstanceOf(ApiException.class, e.getCause());
    }

    /** An input stream the container would feed: pieces arrive, then the end, and the listener is told each time. */
    private static final class Upload extends ServletInputStream {
        private final ArrayDeque<byte[]> pieces = new ArrayDeque<>();
        private byte[] current = new byte[0];
        private int offset;
        private boolean ended;
        private ReadListener listener;

        void arrived(String text) {
            pieces.add(text.getBytes(StandardCharsets.UTF_8));
            if (listener != null) {
                notifyListener(() -> listener.onDataAvailable());
            }
        }

        void ended() {
            ended = true;
            if (listener != null) {
                notifyListener(() -> listener.onAllDataRead());
            }
        }

        void broke() {
            listener.onError(new IOException("Connection reset by peer"));
        }

        @Override
        public boolean isFinished() {
            return ended && pieces.isEmpty() && offset == current.length;
        }

        @Override
        public boolean isReady() {
            return offset < current.length || !pieces.isEmpty() || ended;
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            listener = readListener;
            if (!pieces.isEmpty()) {
                notifyListener(() -> listener.onDataAvailable());
            }
            if (ended) {
                notifyListener(() -> listener.onAllDataRead());
            }
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("read by pieces");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (offset == current.length) {
                if (pieces.isEmpty()) {
                    return ended ? -1 : 0;
                }
                current = pieces.poll();
                offset = 0;
            }
            int n = Math.min(len, current.length - offset);
            System.arraycopy(current, offset, b, off, n);
            offset += n;
            return n;
        }

        private static void notifyListener(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        private interface IoAction {
            void run() throws IOException;
        }
    }

    /** Records what is scheduled instead of running it; the test runs what is due on its own clock. */
    private final class ManualTimer extends ScheduledThreadPoolExecutor {
        final List<ScheduledFuture<?>> tasks = new ArrayList<>();
        private final List<Long> dueAt = new ArrayList<>();
        private final List<Runnable> actions = new ArrayList<>();

        ManualTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            ScheduledFuture<?> never = super.schedule(() -> { }, 1, TimeUnit.DAYS);
            tasks.add(never);
            dueAt.add(now.get() + unit.toNanos(delay));
            actions.add(command);
            return never;
        }

        void runDue(long at) {
            for (int i = 0; i < actions.size(); i++) {
                if (dueAt.get(i) <= at && !tasks.get(i).isCancelled() && !tasks.get(i).isDone()) {
                    tasks.get(i).cancel(false);
                    actions.get(i).run();
                }
            }
        }
    }
}
