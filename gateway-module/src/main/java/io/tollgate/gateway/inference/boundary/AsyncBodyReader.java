package io.tollgate.gateway.inference.boundary;

import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Refusal;
import io.tollgate.gateway.platform.RequestBodies;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reads one request body with the Servlet {@link ReadListener}: the container calls back when bytes arrive, so a
 * client that sends slowly, or stops, costs the memory of its bytes and no worker thread. The body must come within
 * its limits: no more than {@code maxBytes} (413), no pause longer than {@code idle} and no longer than
 * {@code total} in all (408). A body that is already there when reading starts completes at once, without a timer.
 */
final class AsyncBodyReader implements ReadListener {

    /** How long a body may take: between two pieces, and in all. */
    record Timeouts(Duration idle, Duration total) {
    }

    private static final int PIECE = 8192;

    private final ServletInputStream in;
    private final int maxBytes;
    private final Timeouts timeouts;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoClock;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream received;
    private final byte[] piece;
    private final long startedNanos;
    private long lastPieceNanos;
    private ScheduledFuture<?> pendingCheck;

    private AsyncBodyReader(ServletInputStream in, int maxBytes, int announcedBytes, Timeouts timeouts,
                            ScheduledExecutorService timer, LongSupplier nanoClock) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.timeouts = timeouts;
        this.timer = timer;
        this.nanoClock = nanoClock;
        this.received = new ByteArrayOutputStream(announcedBytes > 0 ? Math.min(announcedBytes, maxBytes) : 1024);
        this.piece = new byte[announcedBytes > 0 ? Math.min(PIECE, announcedBytes + 1) : PIECE];
        this.startedNanos = nanoClock.getAsLong();
        this.lastPieceNanos = startedNanos;
    }

    /**
     * Starts reading (in an async request, on the container's thread); the future completes with the body, or
     * exceptionally with an {@link ApiException} of 408 or 413.
     *
     * @param announcedBytes the request's Content-Length, or -1
     */
    static CompletableFuture<byte[]> read(ServletInputStream in, int maxBytes, long announcedBytes,
                                          Timeouts timeouts, ScheduledExecutorService timer, LongSupplier nanoClock) {
        var reader = new AsyncBodyReader(in, maxBytes, (int) Math.min(announcedBytes, Integer.MAX_VALUE), timeouts,
                timer, nanoClock);
        in.setReadListener(reader); // the container may read the whole body before this returns
        synchronized (reader) {
            if (!reader.body.isDone()) {
                reader.scheduleCheck();
                reader.body.whenComplete((bytes, error) -> reader.cancelCheck());
            }
        }
        return reader.body;
    }

    // The callbacks decide under the lock and complete outside it: completing runs the rest of the request.
    @Override
    public void onDataAvailable() throws IOException {
        ApiException refused = null;
        synchronized (this) {
            while (!body.isDone() && in.isReady()) {
                int n = in.read(piece);
                if (n < 0) {
                    return; // onAllDataRead follows
                }
                if (received.size() + n > maxBytes) {
                    refused = RequestBodies.tooLarge(maxBytes);
                    break;
                }
                received.write(piece, 0, n);
                lastPieceNanos = nanoClock.getAsLong();
            }
        }
        if (refused != null) {
            body.completeExceptionally(refused);
        }
    }

    @Override
    public void onAllDataRead() {
        byte[] bytes;
        synchronized (this) {
            bytes = received.toByteArray();
        }
        body.complete(bytes);
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(notReceived("The request body was not received in full. Please retry."));
    }

    /** Fails the read when the body paused, or took, too long; else looks again when the next limit falls due. */
    private void check() {
        ApiException late = null;
        synchronized (this) {
            if (body.isDone()) {
                return;
            }
            long now = nanoClock.getAsLong();
            if (now - (startedNanos + timeouts.total().toNanos()) >= 0) {
                late = notReceived("The request body was not received within " + seconds(timeouts.total())
                        + ". Please retry.");
            } else if (now - (lastPieceNanos + timeouts.idle().toNanos()) >= 0) {
                late = notReceived("The request body stopped arriving for " + seconds(timeouts.idle())
                        + ". Please retry.");
            } else {
                scheduleCheck();
            }
        }
        if (late != null) {
            body.completeExceptionally(late);
        }
    }

    private void scheduleCheck() {
        long now = nanoClock.getAsLong();
        long due = Math.min(lastPieceNanos + timeouts.idle().toNanos(), startedNanos + timeouts.total().toNanos());
        pendingCheck = timer.schedule(this::check, Math.max(1, due - now), TimeUnit.NANOSECONDS);
    }

    private synchronized void cancelCheck() {
        if (pendingCheck != null) {
            pendingCheck.cancel(false);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static ApiException notReceived(String message) {
        return Refusal.BODY_TIMEOUT.exception(message);
    }
}
