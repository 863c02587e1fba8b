package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.dialect.ClientDialect;
import io.tollgate.gateway.platform.ApiError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays an upstream body to the client with non-blocking writes. It asks the upstream for one more piece
 * only once everything received so far has been handed to the client, so a slow reader holds at most one piece in
 * memory and no thread waits on it; it flushes whenever it has caught up, so each SSE chunk leaves as it arrives.
 */
public final class ClientStream implements Flow.Subscriber<List<ByteBuffer>> {

    private static final Logger LOG = Logger.getLogger(ClientStream.class.getName());
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ClientConnection out;
    private final long startedNanos;
    private final ClientDialect dialect;
    private volatile Runnable onClientGone = () -> { };
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private Flow.Subscription subscription;
    private boolean awaitingData;
    private boolean upstreamDone;
    private boolean dirty;
    private boolean draining;
    private boolean finished;
    private boolean wroteAnything;
    private boolean sse;
    private boolean opened;

    public ClientStream(ClientConnection out, long startedNanos, ClientDialect dialect) {
        this.out = out;
        this.startedNanos = startedNanos;
        this.dialect = dialect;
    }

    /** Switches the response to non-blocking writes, once; from here on only this object writes. */
    public synchronized void open() {
        if (opened) {
            return;
        }
        opened = true;
        out.open(() -> {
            synchronized (ClientStream.this) {
                drain();
            }
        }, clientError -> clientGone());
    }

    public synchronized void begin(int status, String contentType) {
        out.status(status);
        out.header("openai-processing-ms", Long.toString((System.nanoTime() - startedNanos) / 1_000_000));
        out.header("Content-Type", contentType);
        sse = contentType != null && contentType.startsWith("text/event-stream");
        if (sse) {
            out.header("Cache-Control", "no-cache");
            out.header("X-Accel-Buffering", "no");
        }
    }

    /** Answers with an error instead of an upstream body (only before anything was written). */
    public synchronized void fail(ApiError error) {
        if (finished) {
            return;
        }
        if (wroteAnything || out.committed()) {
            // Mid-body: the stream ends without [DONE]; an SSE client also gets an error event its SDK raises.
            if (sse) {
                pending.add(ByteBuffer.wrap(dialect.streamErrorEvent(error)));
            }
            upstreamDone = true;
            drain();
            return;
        }
        out.status(error.status());
        out.header("Content-Type", "application/json");
        out.header("openai-processing-ms", Long.toString((System.nanoTime() - startedNanos) / 1_000_000));
        error.headers().forEach(out::header);
        pending.add(ByteBuffer.wrap(dialect.errorBody(error)));
        upstreamDone = true;
        drain();
    }

    /** An SSE comment, so that proxies and clients keep a quiet stream open (and a gone client is noticed). */
    public synchronized void keepAlive() {
        if (finished || !sse || upstreamDone || !pending.isEmpty()) {
            return;
        }
        pending.add(ByteBuffer.wrap(KEEP_ALIVE));
        drain();
    }

    public synchronized boolean isFinished() {
        return finished;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (finished) {
            s.cancel();
            return;
        }
        drain();
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> items) {
        awaitingData = false;
        for (ByteBuffer b : items) {
            if (b.hasRemaining()) {
                pending.add(b);
            }
        }
        drain();
    }

    @Override
    public synchronized void onError(Throwable t) {
        LOG.log(Level.FINE, "Upstream body failed", t);
        if (upstreamDone) {
            drain();
            return;
        }
        // The backend failed after it had begun to answer (reset, garbage): a whole-looking 200 would be a lie.
        // Before anything was sent the client gets a 502; mid-stream an error event.
        fail(ApiError.upstreamFailed("The backend failed before its answer was complete. Please retry."));
    }

    @Override
    public synchronized void onComplete() {
        upstreamDone = true;
        drain();
    }

    /** What to do when the client goes away: cancel the upstream so the GPU stops working for nobody. */
    public void onClientGone(Runnable action) {
        this.onClientGone = action;
    }

    /** The client is gone (a failed write, or the container noticed the connection close). */
    public void clientGone() {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            pending.clear();
            if (subscription != null) {
                subscription.cancel();
            }
        }
        onClientGone.run();
        completeQuietly();
    }

    private void drain() {
        if (draining || finished) {
            return;
        }
        draining = true;
        try {
            while (!finished) {
                if (!pending.isEmpty()) {
                    if (!out.ready()) {
                        return;
                    }
                    write(pending.poll());
                } else if (dirty) {
                    if (!out.ready()) {
                        return;
                    }
                    dirty = false;
                    out.flush();
                } else if (upstreamDone) {
                    finished = true;
                    completeQuietly();
                } else if (!awaitingData && subscription != null) {
                    awaitingData = true;
                    subscription.request(1);
                } else {
                    return;
                }
            }
        } catch (IOException e) {
            finished = true;
            if (subscription != null) {
                subscription.cancel();
            }
            onClientGone.run();
            completeQuietly();
        } finally {
            draining = false;
        }
    }

    private void write(ByteBuffer b) throws IOException {
        wroteAnything = true;
        dirty = true;
        out.write(b);
    }

    private void completeQuietly() {
        out.complete();
    }
}
