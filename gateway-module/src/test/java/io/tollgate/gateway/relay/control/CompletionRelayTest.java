package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.backends.control.BackendClient;
import io.tollgate.gateway.backends.control.Price;
import io.tollgate.gateway.backends.control.UpstreamFailure;
import io.tollgate.gateway.backends.control.UpstreamRequest;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.dialect.ClientDialect;
import io.tollgate.gateway.routing.control.BackendStats;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay core without a server: fake upstreams that publish on demand, and a fake client connection that can
 * stall its writes or go away. Everything runs on the test's thread except the relay's timer (not reached here).
 */
class CompletionRelayTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final BackendStats stats = new BackendStats();
    private final AtomicReference<RelayEnded> ended = new AtomicReference<>();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aSlowReaderHoldsTheUpstreamToOnePieceAtATimeAndGetsEveryChunkInOrder() {
        FakeUpstream upstream = FakeUpstream.answering(200, "text/event-stream");
        FakeConnection client = new FakeConnection();
        client.ready = false; // the client's socket is full from the start
        relay(true, client, upstream);
        assertEquals(1, upstream.requested.get(), "one piece asked for");

        upstream.push(chunk("Hel"));
        upstream.push(chunk("lo"));
        assertEquals(0, upstream.requested.get(), "none more while the client cannot take the first");
        assertEquals(1, upstream.queued.size(), "the second piece stays upstream");
        assertEquals("", client.text(), "nothing written while the client cannot take it");

        client.becomeReady();
        assertTrue(client.text().contains("\"Hel\"") && client.text().contains("\"lo\""), client.text());
        assertTrue(client.text().indexOf("Hel") < client.text().indexOf("lo"), "in order");
        assertTrue(client.text().contains("\"model\":\"demo\""), "the public model name, not the backend's");
        assertFalse(client.text().contains("backend-model"));

        upstream.push("data: [DONE]\n\n");
        upstream.complete();
        assertTrue(client.completed, "the response was ended");
        assertEquals(200, ended.get().status());
        assertFalse(ended.get().clientDisconnected());
        assertEquals("text/event-stream", client.headers.get("Content-Type"));
    }

    @Test
    void aClientThatLeavesMidStreamCancelsTheUpstream() {
        FakeUpstream upstream = FakeUpstream.answering(200, "text/event-stream");
        FakeConnection client = new FakeConnection();
        relay(true, client, upstream);
        upstream.push(chunk("Hel"));

        client.goAway();

        assertTrue(upstream.cancelled, "the GPU stops working for nobody");
        assertEquals(RelayEnded.CLIENT_CLOSED, ended.get().status());
        assertTrue(ended.get().clientDisconnected());
        assertNotNull(ended.get().usage(), "what was generated until then is still counted");
    }

    @Test
    void aWriteThatFailsIsAClientGone() {
        FakeUpstream upstream = FakeUpstream.answering(200, "text/event-stream");
        FakeConnection client = new FakeConnection();
        client.failWrites = true;
        relay(true, client, upstream);

        upstream.push(chunk("Hel"));

        assertTrue(upstream.cancelled);
        assertEquals(RelayEnded.CLIENT_CLOSED, ended.get().status());
    }

    @Test
    void anUpstreamThatBreaksMidStreamEndsItWithAnErrorEventNotAWholeLookingAnswer() {
        FakeUpstream upstream = FakeUpstream.answering(200, "text/event-stream");
        FakeConnection client = new FakeConnection();
        relay(true, client, upstream);
        upstream.push(chunk("Hel"));

        upstream.fail(new IOException("reset"));

        assertTrue(client.text().contains("\"upstream_error\""), client.text());
        assertFalse(client.text().contains("[DONE]"));
        assertTrue(client.completed);
        assertEquals(200, client.status, "the status had gone out already");
    }

    @Test
    void aRefusedConnectionFailsOverToTheNextDeploymentAndItsAnswerIsTheClients() {
        FakeUpstream refusing = FakeUpstream.failing(UpstreamFailure.REFUSED);
        FakeUpstream answering = FakeUpstream.answering(200, "application/json");
        FakeConnection client = new FakeConnection();
        relay(false, client, refusing, answering);

        answering.push("{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"backend-model\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}");
        answering.complete();

        assertEquals(1, refusing.exchanges, "tried once");
        assertEquals(2, ended.get().attempts(), "failed over once");
        assertEquals(1, answering.exchanges);
        assertEquals("b", ended.get().answering().backendName());
        assertEquals(5, ended.get().usage().totalTokens());
        assertTrue(client.text().contains("\"model\":\"demo\""), client.text());
    }

    @Test
    void aServerErrorWithNoOtherDeploymentIsA502InTheClientsShapeAndNoAnswerIsCounted() {
        FakeUpstream failing = FakeUpstream.answering(503, "application/json");
        FakeConnection client = new FakeConnection();
        relay(false, client, failing, failing);

        failing.complete(); // the first 503's body, discarded; the resend answers 503 again
        failing.complete();

        assertEquals(502, client.status);
        assertTrue(client.text().contains("\"upstream_error\""), client.text());
        assertNull(ended.get().answering(), "no backend answered: the reservation is refunded in full");
        assertNull(ended.get().usage());
    }

    @Test
    void aClientStreamOpensItsConnectionOnceAndAnswersARefusalInTheClientsShape() {
        FakeConnection client = new FakeConnection();
        ClientStream stream = new ClientStream(client, System.nanoTime(), ClientDialect.OPENAI);
        stream.open();
        stream.open(); // a second container listener would be refused by the container
        stream.fail(io.tollgate.gateway.platform.ApiError.internal());
        assertEquals(1, client.opens);
        assertEquals(500, client.status);
        assertTrue(client.text().startsWith("{\"error\":"), client.text());
        assertTrue(client.completed);
    }

    private void relay(boolean stream, FakeConnection connection, FakeUpstream... upstreams) {
        List<Deployment> rotation = new ArrayList<>();
        char name = 'a';
        for (FakeUpstream u : upstreams) {
            rotation.add(new Deployment("id-" + name, String.valueOf(name), "backend-model", 1, u, Price.FREE,
                    "self_hosted", 1, false));
            name++;
        }
        var request = Json.createObjectBuilder().add("model", "demo").add("stream", stream)
                .add("messages", Json.createArrayBuilder()).build();
        RelayPlan plan = new RelayPlan("/chat/completions", request, request, stream, rotation, ClientDialect.OPENAI,
                () -> 7);
        new CompletionRelay(plan, new ClientStream(connection, System.nanoTime(), ClientDialect.OPENAI), timer, stats,
                System.nanoTime(), ended::set).start();
    }

    private static String chunk(String text) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"backend-model\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
    }

    /** An upstream that answers (or fails) at once and publishes what the test pushes, honouring demand. */
    private static final class FakeUpstream implements BackendClient, Flow.Subscription {
        private final int status;
        private final String contentType;
        private final UpstreamFailure failure;
        final AtomicLong requested = new AtomicLong();
        final List<ByteBuffer> queued = new CopyOnWriteArrayList<>();
        volatile boolean cancelled;
        int exchanges;
        private Flow.Subscriber<List<ByteBuffer>> subscriber;
        private CompletableFuture<Void> done;

        private FakeUpstream(int status, String contentType, UpstreamFailure failure) {
            this.status = status;
            this.contentType = contentType;
            this.failure = failure;
        }

        static FakeUpstream answering(int status, String contentType) {
            return new FakeUpstream(status, contentType, null);
        }

        static FakeUpstream failing(UpstreamFailure failure) {
            return new FakeUpstream(0, null, failure);
        }

        @Override
        public CompletableFuture<Void> exchange(UpstreamRequest request, ResponseHandler handler) {
            exchanges++;
            done = new CompletableFuture<>();
            if (failure != null) {
                done.completeExceptionally(new UpstreamFailure.Unanswered(failure, new IOException("fake")));
                return done;
            }
            subscriber = handler.onResponse(status, contentType, null);
            subscriber.onSubscribe(this);
            return done;
        }

        void push(String text) {
            queued.add(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            deliver();
        }

        void complete() {
            subscriber.onComplete();
            done.complete(null);
        }

        void fail(Throwable t) {
            subscriber.onError(t);
            done.completeExceptionally(t);
        }

        private void deliver() {
            while (!cancelled && requested.get() > 0 && !queued.isEmpty()) {
                requested.decrementAndGet();
                subscriber.onNext(List.of(queued.remove(0)));
            }
        }

        @Override
        public void request(long n) {
            requested.addAndGet(n);
            deliver();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    /** A client connection whose writability and presence the test controls. */
    private static final class FakeConnection implements ClientConnection {
        final Map<String, String> headers = new LinkedHashMap<>();
        final StringBuilder written = new StringBuilder();
        volatile boolean ready = true;
        boolean failWrites;
        boolean completed;
        int status;
        private Runnable writable = () -> { };
        private Consumer<Throwable> gone = t -> { };

        int opens;

        @Override
        public void open(Runnable writable, Consumer<Throwable> gone) {
            opens++;
            this.writable = writable;
            this.gone = gone;
        }

        void becomeReady() {
            ready = true;
            writable.run();
        }

        void goAway() {
            gone.accept(new IOException("client closed"));
        }

        String text() {
            return written.toString();
        }

        @Override
        public void status(int status) {
            this.status = status;
        }

        @Override
        public void header(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public boolean committed() {
            return !written.isEmpty();
        }

        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public void write(ByteBuffer bytes) throws IOException {
            if (failWrites) {
                throw new IOException("broken pipe");
            }
            written.append(StandardCharsets.UTF_8.decode(bytes.duplicate()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void complete() {
            completed = true;
        }
    }
}
