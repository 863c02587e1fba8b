package io.tollgate.gateway.completion.control;

import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.backends.control.Timeouts;
import io.tollgate.gateway.backends.control.UpstreamRequest;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.platform.ApiError;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client request on its way upstream. Before the upstream has answered, a failure is not the client's problem:
 * the next deployment in the rotation is tried (a stale pooled connection gets one retry even with a single
 * backend, as nothing reached the upstream). Once an upstream has answered, its answer is what the client gets.
 * A watch enforces the backend's idle and total timeouts and keeps quiet streams open with SSE comments.
 */
public final class CompletionRelay {

    static final Duration KEEP_ALIVE_AFTER = Duration.ofSeconds(15);
    private static final Logger LOG = Logger.getLogger(CompletionRelay.class.getName());

    private final ClientDialect dialect;
    private final JsonObject clientRequest;
    private final String path;
    private final JsonObject request;
    private final boolean stream;
    private final List<Deployment> rotation;
    private final ClientStream client;
    private final ScheduledExecutorService timer;
    private final int maxAttempts;
    private final String publicModel;
    private final boolean clientWantsUsage;
    private final long startedNanos = System.nanoTime();
    private volatile long lastActivityNanos = startedNanos;
    private volatile long lastKeepAliveNanos = startedNanos;
    private volatile ShapingSubscriber active;
    private volatile boolean done;
    private volatile java.util.concurrent.CompletableFuture<Void> inFlight;
    private final io.tollgate.gateway.auth.control.Authenticator.Caller caller;
    private final java.util.function.Consumer<CompletionFinished> onFinished;
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile ResponseShaper activeShaper;
    /** Ends the answering attempt's count of outstanding requests, once, however the relay ends. */
    private volatile Runnable activeAttemptEnd = () -> { };
    private volatile String answeringBackend;
    private volatile int answeredStatus;
    private volatile long firstByteNanos;
    private final io.tollgate.gateway.routing.control.BackendStats stats;
    /** No new attempt starts after this long: fail-over is bounded in attempts and in time. */
    static final long RETRY_BUDGET_NANOS = Duration.ofSeconds(30).toNanos();
    /**
     * Extra tries of a backend that refused the connection (nothing reached it, so a retry is safe): a burst of new
     * streams can overflow an engine's accept queue for a moment, or an engine restarts. Spaced out with jitter.
     */
    static final int CONNECT_RETRIES = 4;
    static final long CONNECT_BACKOFF_MILLIS = 100;
    private int connectFailures;

    /**
     * @param request       the request in OpenAI's shape (translated, if the client speaks another dialect)
     * @param clientRequest the client's own request, for the dialect's response translation
     */
    private CompletionRelay(String path, JsonObject request, boolean stream, List<Deployment> rotation,
                            ClientStream client, ScheduledExecutorService timer, ClientDialect dialect,
                            JsonObject clientRequest, io.tollgate.gateway.auth.control.Authenticator.Caller caller,
                            java.util.function.Consumer<CompletionFinished> onFinished,
                            io.tollgate.gateway.routing.control.BackendStats stats) {
        this.stats = stats;
        this.caller = caller;
        this.onFinished = onFinished;
        this.dialect = dialect;
        this.clientRequest = clientRequest;
        this.path = path;
        this.request = request;
        this.stream = stream;
        this.rotation = rotation;
        this.client = client;
        this.timer = timer;
        this.maxAttempts = Math.max(2, rotation.size());
        this.publicModel = request.getString("model", "");
        this.clientWantsUsage = stream && (dialect.needsUsageChunk()
                || request.get("stream_options") instanceof JsonObject o && o.get("include_usage") == JsonValue.TRUE);
    }

    public void start() {
        attempt(0);
    }

    /**
     * Relays an async servlet request: the client stream writes without blocking, and a client
     * that goes away (a failed write, or the container noticing) cancels the upstream exchange.
     */
    public static void launch(jakarta.servlet.AsyncContext async, long startedNanos, ClientDialect dialect,
                              String path, JsonObject request, JsonObject clientRequest, boolean stream,
                              List<Deployment> rotation, ScheduledExecutorService timer,
                              io.tollgate.gateway.auth.control.Authenticator.Caller caller,
                              java.util.function.Consumer<CompletionFinished> onFinished,
                              io.tollgate.gateway.routing.control.BackendStats stats,
                              java.util.function.Consumer<Runnable> whenClientGone) throws java.io.IOException {
        ClientStream client = new ClientStream(async, startedNanos, dialect);
        CompletionRelay relay = new CompletionRelay(path, request, stream, rotation, client, timer, dialect, clientRequest,
                caller, onFinished, stats);
        client.onClientGone(relay::cancel);
        // A client that hangs up is seen on the next write (streams: at once) or by the container's async events
        // (delivered through whenClientGone: their listener must be added during the first dispatch, before the
        // body is in); a non-streamed request waiting for its first byte is bounded by the backend's timeouts.
        // (Asking Grizzly to read the connection meanwhile, to see a hang-up sooner, corrupted keep-alive
        // connections: ~1 in 5,000 next requests stalled or lost its body. Measured, then removed.)
        whenClientGone.accept(client::clientGone);
        client.open();
        relay.start();
    }

    /**
     * The body the backend gets: its own model name, and (for streams) {@code stream_options.include_usage}, so the
     * usage is known even when the client did not ask for it.
     */
    private JsonObject upstreamBody(Deployment deployment) {
        var body = Jsonp.PROVIDER.createObjectBuilder(request).add("model", deployment.upstreamModel());
        if (stream) {
            var options = request.get("stream_options") instanceof JsonObject o
                    ? Jsonp.PROVIDER.createObjectBuilder(o) : Jsonp.PROVIDER.createObjectBuilder();
            body.add("stream_options", options.add("include_usage", true));
        }
        return body.build();
    }

    private void attempt(int n) {
        Deployment deployment = rotation.get(n % rotation.size());
        if (n > 0 && System.nanoTime() - startedNanos > RETRY_BUDGET_NANOS) {
            finish(ApiError.upstreamFailed("No backend for model `" + publicModel + "` answered within the retry "
                    + "budget. Please retry."));
            return;
        }
        JsonObject upstreamJson = upstreamBody(deployment);
        UpstreamRequest upstream = new UpstreamRequest(path, upstreamJson,
                upstreamJson.toString().getBytes(StandardCharsets.UTF_8), stream);
        boolean canRetry = n + 1 < maxAttempts;
        boolean otherBackendLeft = n + 1 < rotation.size();
        AtomicBoolean answered = new AtomicBoolean();
        String backendId = deployment.backendId();
        AtomicBoolean attemptOver = new AtomicBoolean();
        AtomicBoolean firstByteSeen = new AtomicBoolean();
        Runnable endAttempt = () -> {
            if (attemptOver.compareAndSet(false, true)) {
                stats.ended(backendId, firstByteSeen.get());
            }
        };
        stats.started(backendId);
        activeAttemptEnd = endAttempt; // a client leaving before the first byte ends this attempt too
        try {
            var exchange = deployment.client().exchange(upstream, (status, contentType, retryAfter) -> {
                answered.set(true);
                if (status == 401 || status == 403) {
                    // The backend refused Tollgate's credential: not the client's fault, and not worth a client 401.
                    LOG.log(Level.WARNING, "Backend {0} refused Tollgate''s credentials (HTTP {1}); check its api_key",
                            new Object[]{deployment.backendName(), status});
                    stats.failed(backendId);
                    return new Discard(() -> {
                        endAttempt.run();
                        if (otherBackendLeft) {
                            attempt(n + 1);
                        } else {
                            finish(new ApiError(502, "The backend serving model `" + publicModel + "` refused "
                                    + "Tollgate's credentials. An administrator must check the backend's api_key.",
                                    "server_error", null, "upstream_auth_failed"));
                        }
                    });
                }
                if (status == 429 && otherBackendLeft) {
                    // Throttled upstream: leave it alone as long as it asked, and try the next deployment.
                    stats.throttled(backendId, retryAfter == null ? Duration.ofSeconds(1) : retryAfter);
                    return new Discard(() -> {
                        endAttempt.run();
                        attempt(n + 1);
                    });
                }
                if (status >= 500 && otherBackendLeft) {
                    LOG.log(Level.INFO, "Backend {0} answered {1}; trying the next one",
                            new Object[]{deployment.backendName(), status});
                    stats.failed(backendId);
                    return new Discard(() -> {
                        endAttempt.run();
                        attempt(n + 1);
                    });
                }
                if (status >= 500) {
                    stats.failed(backendId);
                    return new Discard(() -> {
                        endAttempt.run();
                        finish(ApiError.upstreamFailed(
                                "The backend serving this model failed (HTTP " + status + "). Please retry."));
                    });
                }
                client.begin(status, contentType);
                answeringBackend = deployment.backendName();
                answeredStatus = status;
                firstByteNanos = System.nanoTime() - startedNanos;
                firstByteSeen.set(true);
                stats.answered(backendId, firstByteNanos, System.nanoTime());
                boolean sse = contentType != null && contentType.startsWith("text/event-stream");
                ResponseShaper shaper = new ResponseShaper(publicModel, sse, clientWantsUsage,
                        deployment.upstreamModel(), () -> TokenCounter.promptTokens(deployment.upstreamModel(), request));
                ShapingSubscriber shaping = new ShapingSubscriber(shaper,
                        dialect.responseTransform(sse, publicModel, clientRequest), client,
                        () -> lastActivityNanos = System.nanoTime(), () -> {
                    done = true;
                    endAttempt.run();
                    report(answeredStatus, false);
                });
                activeShaper = shaper;
                active = shaping;
                activeAttemptEnd = endAttempt;
                watch(deployment.client().timeouts());
                return shaping;
            });
            inFlight = exchange;
            exchange.whenComplete((ignored, error) -> {
                if (error == null || answered.get()) {
                    return;
                }
                if (done) {
                    endAttempt.run(); // cancelled: the client left before the first byte
                    return;
                }
                endAttempt.run();
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                boolean timedOut = io.tollgate.gateway.backends.control.BackendClient.timedOut(cause);
                stats.failed(backendId);
                LOG.log(Level.INFO, "Backend {0} {1}: {2}", new Object[]{deployment.backendName(),
                        timedOut ? "did not answer in time" : "could not be reached", String.valueOf(cause)});
                if (io.tollgate.gateway.backends.control.BackendClient.refused(cause)
                        && connectFailures < CONNECT_RETRIES
                        && System.nanoTime() - startedNanos < RETRY_BUDGET_NANOS) {
                    connectFailures++;
                    if (otherBackendLeft) {
                        attempt(n + 1);
                    } else {
                        long base = CONNECT_BACKOFF_MILLIS << (connectFailures - 1);
                        long delay = base + java.util.concurrent.ThreadLocalRandom.current().nextLong(base);
                        timer.schedule(() -> {
                            if (!done) {
                                attempt(n + 1);
                            }
                        }, delay, TimeUnit.MILLISECONDS);
                    }
                } else if (timedOut ? otherBackendLeft : canRetry) {
                    attempt(n + 1);
                } else if (timedOut) {
                    // A connect timeout is a socket's; the first-byte timeout is the relay's own (a TimeoutException).
                    Timeouts t = deployment.client().timeouts();
                    boolean connecting = cause instanceof java.net.SocketTimeoutException;
                    finish(gatewayTimeout("The backend serving model `" + publicModel + "` "
                            + (connecting ? "could not be connected to within " + t.connect().toSeconds()
                            : "did not answer within " + t.firstByte().toSeconds()) + " s. Please retry."));
                } else {
                    finish(ApiError.upstreamFailed("No backend for model `" + publicModel
                            + "` could be reached. Please retry."));
                }
            });
        } catch (RuntimeException e) {
            endAttempt.run();
            LOG.log(Level.WARNING, "Backend " + deployment.backendName() + " refused the request", e);
            finish(ApiError.upstreamFailed("The backend serving this model could not take the request."));
        }
    }

    /** The client went away: stop the upstream exchange, whatever stage it is in. */
    public void cancel() {
        done = true;
        activeAttemptEnd.run();
        report(CompletionFinished.CLIENT_CLOSED, true);
        ShapingSubscriber shaping = active;
        if (shaping != null) {
            shaping.cancel();
        }
        var exchange = inFlight;
        if (exchange != null) {
            exchange.cancel(true); // a cancelled exchange future aborts the upstream exchange
        }
    }

    private void finish(ApiError error) {
        done = true;
        activeAttemptEnd.run();
        report(error.status(), false);
        client.fail(error);
    }

    /** Tells the usage side once what this request cost, however it ended. */
    private void report(int status, boolean clientDisconnected) {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        ResponseShaper shaper = activeShaper;
        try {
            onFinished.accept(new CompletionFinished(caller.projectId(), caller.keyId(), publicModel, answeringBackend,
                    status, stream, clientDisconnected, shaper == null ? null : shaper.usageSoFar(),
                    System.nanoTime() - startedNanos, firstByteNanos));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Recording a finished request failed", e);
        }
    }

    /** Checks idle and total time, and sends keep-alives, until the exchange ends. */
    private void watch(Timeouts timeouts) {
        long period = Math.max(100, Math.min(1000, timeouts.idle().toMillis() / 2));
        timer.schedule(() -> check(timeouts, period), period, TimeUnit.MILLISECONDS);
    }

    private void check(Timeouts timeouts, long period) {
        if (done || client.isFinished()) {
            return;
        }
        long now = System.nanoTime();
        if (now - startedNanos >= timeouts.total().toNanos()) {
            timeOut("The backend did not finish within " + timeouts.total().toSeconds() + " s.");
            return;
        }
        if (now - lastActivityNanos >= timeouts.idle().toNanos()) {
            timeOut("The backend sent nothing for " + timeouts.idle().toSeconds() + " s.");
            return;
        }
        long quiet = now - Math.max(lastActivityNanos, lastKeepAliveNanos);
        // Well before the idle timeout too, so a client's own idle timer never fires first.
        long keepAliveAfter = Math.min(KEEP_ALIVE_AFTER.toNanos(), timeouts.idle().toNanos() / 3);
        if (stream && quiet >= keepAliveAfter) {
            lastKeepAliveNanos = now;
            client.keepAlive();
        }
        timer.schedule(() -> check(timeouts, period), period, TimeUnit.MILLISECONDS);
    }

    private void timeOut(String message) {
        ShapingSubscriber shaping = active;
        if (shaping != null) {
            shaping.cancel();
        }
        finish(gatewayTimeout(message + " The request was cancelled; please retry."));
    }

    private static ApiError gatewayTimeout(String message) {
        return new ApiError(504, message, "server_error", null, "upstream_timeout");
    }

    /** Reads and drops a body nobody will see, then carries on. */
    private static final class Discard implements Flow.Subscriber<List<ByteBuffer>> {
        private final Runnable then;

        Discard(Runnable then) {
            this.then = then;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            // dropped
        }

        @Override
        public void onError(Throwable t) {
            then.run();
        }

        @Override
        public void onComplete() {
            then.run();
        }
    }
}
