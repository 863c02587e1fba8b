package io.tollgate.gateway.backends.control;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static io.tollgate.gateway.backends.control.SimulatedCompletionTest.parse;
import static io.tollgate.gateway.backends.control.SimulatedCompletionTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the simulator on a real timer. Timing assertions are lower bounds only ("not before"), and waits for
 * something to happen are generous, so a slow machine makes these tests slower, never red.
 */
class SimulatorClientTest {

    private static final long PATIENCE_MS = 10_000;
    /** Long enough for a fast simulator (1 ms a token) to have sent everything, had it been allowed to. */
    private static final long QUIET_MS = 300;

    private ScheduledThreadPoolExecutor timer;

    @BeforeEach
    void startTimer() {
        timer = new ScheduledThreadPoolExecutor(2);
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void streamsTheSimulatedEventsInOrder() throws Exception {
        JsonObject json = request("llama", "Tell me a joke",
                ", \"stream\": true, \"stream_options\": {\"include_usage\": true}");
        Recorder recorder = new Recorder(Long.MAX_VALUE);

        CompletableFuture<Void> done = new SimulatorClient(timer, 0, 1000).exchange(streamed(json), recorder);

        recorder.awaitCompletion();
        done.get(PATIENCE_MS, TimeUnit.MILLISECONDS);
        assertEquals(200, recorder.status);
        assertEquals("text/event-stream", recorder.contentType);
        assertEquals(expectedEvents(json, recorder.received.get(0), true), recorder.received);
        assertNull(recorder.error);
    }

    @Test
    void answersANonStreamedRequestWithOneJsonBody() throws Exception {
        JsonObject json = request("llama", "Tell me a joke", "");
        Recorder recorder = new Recorder(Long.MAX_VALUE);

        CompletableFuture<Void> done = new SimulatorClient(timer, 0, 1000).exchange(whole(json), recorder);

        recorder.awaitCompletion();
        done.get(PATIENCE_MS, TimeUnit.MILLISECONDS);
        assertEquals("application/json", recorder.contentType);
        assertEquals(1, recorder.received.size());
        long created = parse(recorder.received.get(0)).getJsonNumber("created").longValue();
        assertEquals(new String(SimulatedCompletion.answer(json, created).body(), StandardCharsets.UTF_8),
                recorder.received.get(0));
    }

    @Test
    void deliversNoMoreThanTheSubscriberRequested() throws Exception {
        JsonObject json = request("llama", "Tell me a joke", ", \"stream\": true");
        Recorder recorder = new Recorder(2);

        CompletableFuture<Void> done = new SimulatorClient(timer, 0, 1000).exchange(streamed(json), recorder);

        recorder.awaitReceived(2);
        Thread.sleep(QUIET_MS);
        assertEquals(2, recorder.received.size());
        assertFalse(done.isDone());

        recorder.subscription.request(3);
        recorder.awaitReceived(5);
        Thread.sleep(QUIET_MS);
        assertEquals(5, recorder.received.size());
        assertEquals(1, recorder.completed.getCount());

        recorder.subscription.request(Long.MAX_VALUE);
        recorder.awaitCompletion();
        done.get(PATIENCE_MS, TimeUnit.MILLISECONDS);
        assertEquals(expectedEvents(json, recorder.received.get(0), false), recorder.received);
    }

    @Test
    void waitsForDemandBeforeTheFirstEvent() throws Exception {
        JsonObject json = request("llama", "Hi", ", \"stream\": true");
        Recorder recorder = new Recorder(0);

        new SimulatorClient(timer, 0, 1000).exchange(streamed(json), recorder);

        Thread.sleep(QUIET_MS);
        assertEquals(List.of(), recorder.received);

        recorder.subscription.request(1);
        recorder.awaitReceived(1);
        assertTrue(recorder.received.get(0).contains("\"role\":\"assistant\""), recorder.received.get(0));
    }

    @Test
    void stopsDeliveringOnceCancelledAndEndsTheExchange() throws Exception {
        JsonObject json = request("llama", "Tell me a joke", ", \"stream\": true");
        Recorder recorder = new Recorder(Long.MAX_VALUE).cancellingAfter(3);

        CompletableFuture<Void> done = new SimulatorClient(timer, 0, 200).exchange(streamed(json), recorder);

        done.get(PATIENCE_MS, TimeUnit.MILLISECONDS);
        Thread.sleep(QUIET_MS);
        assertEquals(3, recorder.received.size());
        assertEquals(1, recorder.completed.getCount(), "a cancelled subscription is not completed");
    }

    @Test
    void deliversNothingToASubscriberThatCancelsOnSubscribe() throws Exception {
        JsonObject json = request("llama", "Hi", ", \"stream\": true");
        Recorder recorder = new Recorder(Long.MAX_VALUE).cancellingAfter(0);

        CompletableFuture<Void> done = new SimulatorClient(timer, 0, 1000).exchange(streamed(json), recorder);

        assertTrue(done.isDone());
        Thread.sleep(QUIET_MS);
        assertEquals(List.of(), recorder.received);
    }

    @Test
    void holdsTheFirstEventUntilTheTimeToFirstToken() throws Exception {
        JsonObject json = request("llama", "Hi", ", \"stream\": true");
        Recorder recorder = new Recorder(Long.MAX_VALUE);
        long startedAt = System.nanoTime();

        new SimulatorClient(timer, 250, 1000).exchange(streamed(json), recorder);

        recorder.awaitReceived(1);
        assertTrue(recorder.firstAt - startedAt >= TimeUnit.MILLISECONDS.toNanos(250),
                "first event after " + TimeUnit.NANOSECONDS.toMillis(recorder.firstAt - startedAt) + " ms");
    }

    @Test
    void waitsAHundredMillisecondsForTheFirstTokenUnlessConfigured() throws Exception {
        JsonObject json = request("llama", "Hi", ", \"stream\": true, \"max_tokens\": 1");
        Recorder recorder = new Recorder(Long.MAX_VALUE);
        long startedAt = System.nanoTime();

        new SimulatorClient(timer, null, null).exchange(streamed(json), recorder);

        recorder.awaitReceived(1);
        assertTrue(recorder.firstAt - startedAt >= TimeUnit.MILLISECONDS.toNanos(SimulatorClient.DEFAULT_TTFT_MS));
    }

    @Test
    void pacesStreamedTokensAtTheConfiguredRate() throws Exception {
        JsonObject json = request("llama", "Hi", ", \"stream\": true, \"max_tokens\": 10");
        Recorder recorder = new Recorder(Long.MAX_VALUE);
        long startedAt = System.nanoTime();

        new SimulatorClient(timer, 0, 50).exchange(streamed(json), recorder);

        recorder.awaitCompletion();
        // role chunk, 10 tokens, finish chunk, [DONE]: the last comes 12 token intervals of 20 ms after the first.
        assertEquals(13, recorder.received.size());
        assertTrue(recorder.lastAt - startedAt >= TimeUnit.MILLISECONDS.toNanos(12 * 20),
                "stream took " + TimeUnit.NANOSECONDS.toMillis(recorder.lastAt - startedAt) + " ms");
    }

    @Test
    void holdsANonStreamedBodyUntilEveryTokenWouldHaveBeenGenerated() throws Exception {
        JsonObject json = request("llama", "Tell me a joke", "");
        int tokens = SimulatedCompletion.answer(json, 0).completionTokens();
        Recorder recorder = new Recorder(Long.MAX_VALUE);
        long startedAt = System.nanoTime();

        new SimulatorClient(timer, 50, 100).exchange(whole(json), recorder);

        recorder.awaitCompletion();
        long atLeast = TimeUnit.MILLISECONDS.toNanos(50 + 10L * tokens);
        assertTrue(recorder.firstAt - startedAt >= atLeast,
                "body after " + TimeUnit.NANOSECONDS.toMillis(recorder.firstAt - startedAt) + " ms for " + tokens
                        + " tokens");
    }

    private static UpstreamRequest streamed(JsonObject json) {
        return new UpstreamRequest("/chat/completions", json, json.toString().getBytes(StandardCharsets.UTF_8), true);
    }

    private static UpstreamRequest whole(JsonObject json) {
        return new UpstreamRequest("/chat/completions", json, json.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    /** The events the simulator should send, built for the second the first received event says it was created. */
    private static List<String> expectedEvents(JsonObject json, String firstEvent, boolean includeUsage) {
        long created = parse(firstEvent.substring("data: ".length()).strip()).getJsonNumber("created").longValue();
        return SimulatedCompletion.answer(json, created).events(includeUsage).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    /** Records what arrives, requesting as told and cancelling after a given number of events if told. */
    private static final class Recorder implements Flow.Subscriber<List<ByteBuffer>>, BackendClient.ResponseHandler {
        private final long initialDemand;
        private int cancelAfter = -1;
        final List<String> received = new CopyOnWriteArrayList<>();
        final CountDownLatch completed = new CountDownLatch(1);
        volatile Flow.Subscription subscription;
        volatile Throwable error;
        volatile int status;
        volatile String contentType;
        volatile long firstAt;
        volatile long lastAt;

        Recorder(long initialDemand) {
            this.initialDemand = initialDemand;
        }

        Recorder cancellingAfter(int events) {
            cancelAfter = events;
            return this;
        }

        @Override
        public Flow.Subscriber<List<ByteBuffer>> onResponse(int status, String contentType, java.time.Duration retryAfter) {
            this.status = status;
            this.contentType = contentType;
            return this;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelAfter == 0) {
                s.cancel();
                return;
            }
            if (initialDemand > 0) {
                s.request(initialDemand);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            long now = System.nanoTime();
            if (received.isEmpty()) {
                firstAt = now;
            }
            lastAt = now;
            StringBuilder text = new StringBuilder();
            for (ByteBuffer b : items) {
                text.append(StandardCharsets.UTF_8.decode(b.duplicate()));
            }
            received.add(text.toString());
            if (received.size() == cancelAfter) {
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            completed.countDown();
        }

        void awaitCompletion() throws InterruptedException {
            if (!completed.await(PATIENCE_MS, TimeUnit.MILLISECONDS)) {
                fail("not completed; received " + received.size() + " events");
            }
        }

        void awaitReceived(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS);
            while (received.size() < count) {
                if (System.nanoTime() > deadline) {
                    fail("received " + received.size() + " of " + count + " events");
                }
                Thread.sleep(5);
            }
        }
    }
}
