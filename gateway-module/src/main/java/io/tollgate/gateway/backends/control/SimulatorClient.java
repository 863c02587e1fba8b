package io.tollgate.gateway.backends.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The built-in simulator backend: answers like an OpenAI-compatible server at a configured time to first token and
 * tokens per second. Timers, not threads, pace the tokens, so thousands of simulated streams cost no threads.
 */
public final class SimulatorClient implements BackendClient {

    @Override
    public String providerName() {
        return "tollgate.simulator";
    }


    public static final int DEFAULT_TTFT_MS = 100;
    public static final int DEFAULT_TOKENS_PER_SECOND = 50;

    private final ScheduledExecutorService timer;
    private final long ttftNanos;
    private final long nanosPerToken;

    public SimulatorClient(ScheduledExecutorService timer, Integer ttftMs, Integer tokensPerSecond) {
        this.timer = timer;
        this.ttftNanos = TimeUnit.MILLISECONDS.toNanos(ttftMs == null ? DEFAULT_TTFT_MS : ttftMs);
        this.nanosPerToken = TimeUnit.SECONDS.toNanos(1) / (tokensPerSecond == null ? DEFAULT_TOKENS_PER_SECOND : tokensPerSecond);
    }

    @Override
    public CompletableFuture<Void> exchange(UpstreamRequest request, ResponseHandler handler) {
        long now = Instant.now().getEpochSecond();
        if ("/embeddings".equals(request.path())) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            var subscriber = handler.onResponse(200, "application/json", null);
            new Emission(List.of(SimulatedEmbedding.body(request.json())), ttftNanos, 0, subscriber, done).start();
            return done;
        }
        SimulatedCompletion completion = "/completions".equals(request.path())
                ? SimulatedCompletion.answerText(request.json(), now)
                : SimulatedCompletion.answer(request.json(), now);
        List<byte[]> parts;
        long firstDelay;
        long spacing;
        if (request.stream()) {
            parts = completion.events(includeUsage(request.json()));
            firstDelay = ttftNanos;
            spacing = nanosPerToken;
        } else {
            parts = List.of(completion.body());
            firstDelay = ttftNanos + nanosPerToken * completion.completionTokens();
            spacing = 0;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        // The status line comes at once, as a real server sends its headers before the first token.
        var subscriber = handler.onResponse(200, request.stream() ? "text/event-stream" : "application/json", null);
        new Emission(parts, firstDelay, spacing, subscriber, done).start();
        return done;
    }

    private static boolean includeUsage(JsonObject json) {
        return json.get("stream_options") instanceof JsonObject o && o.get("include_usage") == JsonValue.TRUE;
    }

    /** Delivers the parts on schedule, only while the subscriber has demand; a cancel stops the timers. */
    private final class Emission implements Flow.Subscription {
        private final List<byte[]> parts;
        private final long firstDelay;
        private final long spacing;
        private final Flow.Subscriber<List<ByteBuffer>> subscriber;
        private final CompletableFuture<Void> done;
        private long demand;
        private int next;
        private boolean due;
        private boolean cancelled;
        private long startNanos;

        Emission(List<byte[]> parts, long firstDelay, long spacing, Flow.Subscriber<List<ByteBuffer>> subscriber,
                 CompletableFuture<Void> done) {
            this.parts = parts;
            this.firstDelay = firstDelay;
            this.spacing = spacing;
            this.subscriber = subscriber;
            this.done = done;
        }

        void start() {
            startNanos = System.nanoTime();
            subscriber.onSubscribe(this);
            timer.schedule(this::tick, firstDelay, TimeUnit.NANOSECONDS);
        }

        private void tick() {
            byte[] part;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                if (demand == 0) {
                    due = true;
                    return;
                }
                demand--;
                part = parts.get(next++);
            }
            subscriber.onNext(List.of(ByteBuffer.wrap(part)));
            if (next == parts.size()) {
                subscriber.onComplete();
                done.complete(null);
                return;
            }
            long dueAt = startNanos + firstDelay + spacing * next;
            timer.schedule(this::tick, Math.max(0, dueAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                // Reactive Streams rule 3.9: a non-positive request is an error.
                cancel();
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                return;
            }
            boolean resume;
            synchronized (this) {
                demand = n == Long.MAX_VALUE || demand + n < 0 ? Long.MAX_VALUE : demand + n;
                resume = due;
                due = false;
            }
            if (resume) {
                timer.execute(this::tick);
            }
        }

        @Override
        public void cancel() {
            synchronized (this) {
                cancelled = true;
            }
            done.complete(null);
        }
    }
}
