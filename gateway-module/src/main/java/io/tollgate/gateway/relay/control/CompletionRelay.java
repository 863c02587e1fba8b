package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.backends.control.UpstreamFailure;
import io.tollgate.gateway.backends.control.UpstreamRequest;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.relay.control.FailoverPolicy.Decision;
import io.tollgate.gateway.relay.control.FailoverPolicy.Outcome;
import io.tollgate.gateway.relay.control.FailoverPolicy.Verdict;
import io.tollgate.gateway.routing.control.BackendStats;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One request on its way upstream and its answer on its way back: each attempt goes to the next deployment of the
 * plan's rotation until {@link FailoverPolicy} says deliver or stop; the delivered answer passes through
 * {@link ShapingSubscriber} into the {@link ClientStream}, and a {@link RelayWatch} holds it to the backend's
 * timeouts. Whatever ends it — the answer, a refusal, a timeout, the client leaving — is reported once.
 */
public final class CompletionRelay {

    private static final Logger LOG = Logger.getLogger(CompletionRelay.class.getName());

    private final RelayPlan plan;
    private final ClientStream client;
    private final ScheduledExecutorService timer;
    private final BackendStats stats;
    private final Consumer<RelayEnded> onEnded;
    private final String publicModel;
    private final boolean clientWantsUsage;
    private final long startedNanos;
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile boolean done;
    private volatile CompletableFuture<Void> inFlight;
    private volatile ShapingSubscriber active;
    private volatile ResponseShaper activeShaper;
    private volatile RelayWatch watch;
    /** Ends the current attempt's count of outstanding requests, once, however the relay ends. */
    private volatile Runnable activeAttemptEnd = () -> { };
    private volatile Deployment answering;
    private volatile int answeredStatus;
    private volatile long firstByteNanos;
    private int connectFailures;
    private volatile int attempts;

    public CompletionRelay(RelayPlan plan, ClientStream client, ScheduledExecutorService timer, BackendStats stats,
                           long startedNanos, Consumer<RelayEnded> onEnded) {
        this.plan = plan;
        this.client = client;
        this.timer = timer;
        this.stats = stats;
        this.startedNanos = startedNanos;
        this.onEnded = onEnded;
        this.publicModel = plan.publicModel();
        JsonObject request = plan.request();
        this.clientWantsUsage = plan.stream() && (plan.dialect().needsUsageChunk()
                || request.get("stream_options") instanceof JsonObject o && o.get("include_usage") == JsonValue.TRUE);
    }

    /**
     * Starts relaying: the client stream writes without blocking, and a client that goes away (a failed write, or
     * the container noticing) cancels the upstream exchange.
     */
    public void start() {
        client.onClientGone(this::cancel);
        client.open();
        attempt(0);
    }

    /**
     * The body the backend gets: its own model name, and (for streams) {@code stream_options.include_usage}, so the
     * usage is known even when the client did not ask for it.
     */
    private JsonObject upstreamBody(Deployment deployment) {
        JsonObject request = plan.request();
        var body = Jsonp.PROVIDER.createObjectBuilder(request).add("model", deployment.upstreamModel());
        if (plan.stream()) {
            var options = request.get("stream_options") instanceof JsonObject o
                    ? Jsonp.PROVIDER.createObjectBuilder(o) : Jsonp.PROVIDER.createObjectBuilder();
            body.add("stream_options", options.add("include_usage", true));
        }
        return body.build();
    }

    private void attempt(int n) {
        attempts = n + 1;
        List<Deployment> rotation = plan.rotation();
        Deployment deployment = rotation.get(n % rotation.size());
        JsonObject upstreamJson = upstreamBody(deployment);
        AttemptTrace.Attempt traced = plan.trace().begin(deployment, n);
        UpstreamRequest upstream = new UpstreamRequest(plan.path(), upstreamJson,
                upstreamJson.toString().getBytes(StandardCharsets.UTF_8), plan.stream(), traced.headers());
        String backendId = deployment.backendId();
        AtomicBoolean answered = new AtomicBoolean();
        AtomicBoolean attemptOver = new AtomicBoolean();
        AtomicBoolean firstByteSeen = new AtomicBoolean();
        Runnable endAttempt = () -> {
            if (attemptOver.compareAndSet(false, true)) {
                stats.ended(backendId, firstByteSeen.get());
                traced.end();
            }
        };
        stats.started(backendId);
        activeAttemptEnd = endAttempt; // a client leaving before the first byte ends this attempt too
        try {
            var exchange = deployment.client().exchange(upstream, (status, contentType, retryAfter) -> {
                answered.set(true);
                traced.answered(status);
                Decision decision = decide(n, deployment, new Outcome.Answered(status, retryAfter));
                if (!(decision instanceof Decision.Deliver)) {
                    if (status == 401 || status == 403) {
                        LOG.log(Level.WARNING, "Backend {0} refused Tollgate''s credentials (HTTP {1}); check its "
                                + "api_key", new Object[]{deployment.backendName(), status});
                    } else if (status >= 500) {
                        LOG.log(Level.INFO, "Backend {0} answered {1}; failing over", new Object[]{
                                deployment.backendName(), status});
                    }
                    return new Discard(() -> {
                        endAttempt.run();
                        carryOut(decision, n);
                    });
                }
                firstByteSeen.set(true);
                return deliver(deployment, status, contentType, endAttempt);
            });
            inFlight = exchange;
            exchange.whenComplete((ignored, error) -> {
                if (error == null || answered.get()) {
                    return;
                }
                UpstreamFailure failure = UpstreamFailure.of(error);
                traced.failed(done ? "cancelled" : failure.name().toLowerCase(java.util.Locale.ROOT));
                endAttempt.run();
                if (done) {
                    return; // cancelled: the client left before the first byte
                }
                LOG.log(Level.INFO, "Backend {0} gave no answer: {1}", new Object[]{deployment.backendName(), failure});
                carryOut(decide(n, deployment, new Outcome.Unanswered(failure)), n);
            });
        } catch (RuntimeException e) {
            endAttempt.run();
            LOG.log(Level.WARNING, "Backend " + deployment.backendName() + " refused the request", e);
            finish(ApiError.upstreamFailed("The backend serving this model could not take the request."));
        }
    }

    private Decision decide(int n, Deployment deployment, Outcome outcome) {
        var attempt = new FailoverPolicy.Attempt(n, plan.rotation().size(), connectFailures,
                Duration.ofNanos(System.nanoTime() - startedNanos));
        Decision decision = FailoverPolicy.decide(attempt, outcome, publicModel, deployment.client().timeouts(),
                ThreadLocalRandom.current().nextDouble());
        switch (decision.verdict()) {
            case Verdict.Failed f -> stats.failed(deployment.backendId());
            case Verdict.Throttled t -> stats.throttled(deployment.backendId(), t.after());
            case Verdict.None none -> { }
        }
        return decision;
    }

    private void carryOut(Decision decision, int n) {
        switch (decision) {
            case Decision.Next next when next.delay().isZero() -> {
                count(next);
                attempt(n + 1);
            }
            case Decision.Next next -> {
                count(next);
                timer.schedule(() -> {
                    if (!done) {
                        attempt(n + 1);
                    }
                }, next.delay().toMillis(), TimeUnit.MILLISECONDS);
            }
            case Decision.Stop stop -> finish(stop.error());
            case Decision.Deliver deliver -> throw new IllegalStateException("delivered without an answer");
        }
    }

    private void count(Decision.Next next) {
        if (next.connectFailure()) {
            connectFailures++;
        }
    }

    /** The upstream's answer is the client's: from here it is shaped and relayed, and watched for time. */
    private Flow.Subscriber<List<ByteBuffer>> deliver(Deployment deployment, int status, String contentType,
                                                      Runnable endAttempt) {
        client.begin(status, contentType);
        answering = deployment;
        answeredStatus = status;
        firstByteNanos = System.nanoTime() - startedNanos;
        stats.answered(deployment.backendId(), firstByteNanos, System.nanoTime());
        boolean sse = contentType != null && contentType.startsWith("text/event-stream");
        ResponseShaper shaper = new ResponseShaper(publicModel, sse, clientWantsUsage, deployment.upstreamModel(),
                plan.promptTokens());
        RelayWatch relayWatch = new RelayWatch(deployment.client().timeouts(), plan.stream(), startedNanos, timer,
                client, this::timedOut);
        ShapingSubscriber shaping = new ShapingSubscriber(shaper,
                plan.dialect().responseTransform(sse, publicModel, plan.clientRequest(), plan.promptTokens()), client,
                relayWatch::activity, () -> {
            done = true;
            endAttempt.run();
            report(answeredStatus, false);
        });
        activeShaper = shaper;
        active = shaping;
        activeAttemptEnd = endAttempt;
        watch = relayWatch;
        relayWatch.start(() -> done);
        return shaping;
    }

    /** The client went away: stop the upstream exchange, whatever stage it is in. */
    public void cancel() {
        done = true;
        activeAttemptEnd.run();
        report(RelayEnded.CLIENT_CLOSED, true);
        ShapingSubscriber shaping = active;
        if (shaping != null) {
            shaping.cancel();
        }
        var exchange = inFlight;
        if (exchange != null) {
            exchange.cancel(true); // a cancelled exchange future aborts the upstream exchange
        }
    }

    private void timedOut(ApiError error) {
        ShapingSubscriber shaping = active;
        if (shaping != null) {
            shaping.cancel();
        }
        finish(error);
    }

    private void finish(ApiError error) {
        done = true;
        activeAttemptEnd.run();
        report(error.status(), false);
        client.fail(error);
    }

    /** Tells the listener once what this request came to, however it ended. */
    private void report(int status, boolean clientDisconnected) {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        ResponseShaper shaper = activeShaper;
        long firstContent = shaper == null ? 0 : shaper.firstContentNanos();
        try {
            onEnded.accept(new RelayEnded(answering, status, clientDisconnected,
                    shaper == null ? null : shaper.usageSoFar(), System.nanoTime() - startedNanos, firstByteNanos,
                    firstContent > 0 ? firstContent - startedNanos : firstByteNanos, attempts));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Recording a finished request failed", e);
        }
    }
}
