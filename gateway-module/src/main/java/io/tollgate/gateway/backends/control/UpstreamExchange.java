package io.tollgate.gateway.backends.control;

import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One upstream exchange on Jetty's client, seen through {@link BackendClient}'s contract: the handler hears the
 * status line, then its subscriber gets the body piece by piece, one more piece read from the socket only when it
 * asked for one (backpressure: a slow client slows the upstream instead of filling the heap). The returned future
 * fails when nothing answered — a refused connection, a connect or first-byte timeout —, so that another backend may
 * be tried; cancelling it aborts the exchange.
 */
final class UpstreamExchange implements Flow.Subscription {

    /** The status line did not come within the backend's first-byte timeout. */
    static final class FirstByteTimeout extends TimeoutException {
        FirstByteTimeout(Duration after) {
            super("No status line within " + after.toMillis() + " ms");
        }
    }

    private final Request request;
    private final BackendClient.ResponseHandler handler;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Flow.Subscriber<List<ByteBuffer>> subscriber;
    private volatile Scheduler.Task firstByteTimer;
    /** Whether the request's headers went out: before that, a failure means nothing reached the upstream. */
    private volatile boolean committed;

    // Demand and what waits for it; guarded by this. The subscriber is only ever called without the lock.
    private long demand;
    private ByteBuffer waiting;
    private Runnable readMore;
    private boolean delivering;
    private boolean cancelled;
    private boolean ended;
    private Throwable endedWith;
    private boolean endSignalled;

    private UpstreamExchange(Request request, BackendClient.ResponseHandler handler) {
        this.request = request;
        this.handler = handler;
    }

    static CompletableFuture<Void> send(Request request, Scheduler scheduler, Duration firstByte,
                                        BackendClient.ResponseHandler handler) {
        UpstreamExchange exchange = new UpstreamExchange(request, handler);
        exchange.done.whenComplete((ignored, error) -> {
            if (exchange.done.isCancelled()) {
                exchange.cancel();
            }
        });
        request.onRequestCommit(r -> exchange.committed = true)
                .onResponseHeaders(exchange::onHeaders)
                .onResponseContentAsync(exchange::onContent);
        exchange.firstByteTimer = scheduler.schedule(() -> {
            if (exchange.subscriber == null) {
                request.abort(new FirstByteTimeout(firstByte));
            }
        }, firstByte.toMillis(), TimeUnit.MILLISECONDS);
        request.send(exchange::onComplete);
        return exchange.done;
    }

    private void onHeaders(Response response) {
        Scheduler.Task timer = firstByteTimer;
        if (timer != null) {
            timer.cancel();
        }
        String contentType = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
        Flow.Subscriber<List<ByteBuffer>> s = handler.onResponse(response.getStatus(),
                contentType == null ? "application/json" : contentType,
                BackendClient.retryAfter(response.getHeaders().get(HttpHeader.RETRY_AFTER)));
        subscriber = s;
        s.onSubscribe(this);
    }

    private void onContent(Response response, Content.Chunk chunk, Runnable demander) {
        // Jetty reuses the chunk's buffer once this returns: the relay gets its own copy.
        ByteBuffer source = chunk.getByteBuffer();
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source).flip();
        synchronized (this) {
            if (cancelled) {
                return;
            }
            if (demand == 0) {
                waiting = copy;
                readMore = demander;
                return;
            }
            demand--;
            delivering = true;
        }
        deliver(copy, demander);
    }

    /** Hands one piece over, then reads the next if the subscriber still wants one, or ends if the body has. */
    private void deliver(ByteBuffer piece, Runnable demander) {
        subscriber.onNext(List.of(piece));
        Runnable next = null;
        boolean end;
        synchronized (this) {
            delivering = false;
            if (cancelled) {
                return;
            }
            if (demand > 0) {
                next = demander;
            } else {
                readMore = demander;
            }
            end = ended;
        }
        if (end) {
            signalEnd();
        } else if (next != null) {
            next.run();
        }
    }

    private void onComplete(Result result) {
        Scheduler.Task timer = firstByteTimer;
        if (timer != null) {
            timer.cancel();
        }
        Throwable failure = result.getFailure();
        if (subscriber == null) {
            // Nothing answered: the relay may try another backend.
            if (failure != null) {
                done.completeExceptionally(new UpstreamFailure.Unanswered(UpstreamFailure.of(failure, committed),
                        failure));
            } else {
                done.complete(null);
            }
            return;
        }
        synchronized (this) {
            ended = true;
            endedWith = failure;
            if (cancelled) {
                done.completeExceptionally(failure != null ? failure
                        : new java.util.concurrent.CancellationException("cancelled"));
                return;
            }
            if (waiting != null || delivering) {
                return; // the last piece goes first; deliver() ends it
            }
        }
        signalEnd();
    }

    private void signalEnd() {
        Throwable failure;
        synchronized (this) {
            if (cancelled || endSignalled) {
                return;
            }
            failure = endedWith;
            endSignalled = true;
        }
        if (failure == null) {
            subscriber.onComplete();
            done.complete(null);
        } else {
            subscriber.onError(failure);
            done.completeExceptionally(failure);
        }
    }

    @Override
    public void request(long n) {
        ByteBuffer piece;
        Runnable demander;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            piece = waiting;
            demander = readMore;
            readMore = null;
            if (piece != null) {
                waiting = null;
                demand--;
                delivering = true;
            } else if (ended || delivering) {
                demander = null; // nothing more to read, or deliver() reads on when the piece is handed over
            }
        }
        if (piece != null) {
            deliver(piece, demander);
        } else if (demander != null) {
            demander.run();
        }
    }

    @Override
    public void cancel() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            waiting = null;
            readMore = null;
        }
        request.abort(new java.util.concurrent.CancellationException("The client went away"));
    }
}
