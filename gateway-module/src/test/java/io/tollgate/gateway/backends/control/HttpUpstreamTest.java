package io.tollgate.gateway.backends.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upstream exchange on Jetty's client, against a real HTTP server: the contract the relay relies on. */
class HttpUpstreamTest {

    private static final int BIG = 16 * 1024 * 1024;
    private final SharedTransport transport = new SharedTransport();
    private final AtomicBoolean streamWriteFailed = new AtomicBoolean();
    private final CountDownLatch streamEnded = new CountDownLatch(1);
    private volatile byte[] lastRequestBody;
    private volatile Map<String, List<String>> lastRequestHeaders;
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/big", e -> {
            remember(e);
            e.getResponseHeaders().add("Content-Type", "application/octet-stream");
            e.sendResponseHeaders(200, BIG);
            try (OutputStream out = e.getResponseBody()) {
                byte[] block = new byte[64 * 1024];
                for (int i = 0; i < BIG / block.length; i++) {
                    java.util.Arrays.fill(block, (byte) i);
                    out.write(block);
                }
            }
        });
        server.createContext("/hang", e -> {
            remember(e);
            sleep(10_000);
            e.sendResponseHeaders(200, -1);
            e.close();
        });
        server.createContext("/busy", e -> {
            remember(e);
            byte[] body = "{\"error\":{\"message\":\"slow down\"}}".getBytes(StandardCharsets.UTF_8);
            e.getResponseHeaders().add("Content-Type", "application/json");
            e.getResponseHeaders().add("Retry-After", "7");
            e.sendResponseHeaders(429, body.length);
            e.getResponseBody().write(body);
            e.close();
        });
        server.createContext("/late-endless", e -> {
            sleep(500);
            endless(e);
        });
        server.createContext("/endless", this::endless);
        server.start();
    }

    /** A stream of 600 events, 50 ms apart; notes whether it ended because the client's connection was gone. */
    private void endless(HttpExchange e) throws IOException {
        remember(e);
        e.getResponseHeaders().add("Content-Type", "text/event-stream");
        try (OutputStream out = e.getResponseBody()) {
            e.sendResponseHeaders(200, 0);
            for (int i = 0; i < 600; i++) {
                out.write(("data: {\"n\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleep(50);
            }
        } catch (IOException gone) {
            streamWriteFailed.set(true);
        } finally {
            streamEnded.countDown();
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
        transport.close();
    }

    private void remember(HttpExchange e) throws IOException {
        lastRequestHeaders = Map.copyOf(e.getRequestHeaders());
        lastRequestBody = e.getRequestBody().readAllBytes();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpUpstream upstream(Timeouts timeouts) {
        return new HttpUpstream(transport.http(timeouts.connect()), "http://127.0.0.1:" + server.getAddress().getPort()
                + "/", "sk-upstream", timeouts);
    }

    @Test
    void readsNoMoreThanTheSubscriberAskedForAndEndsAfterTheLastPiece() throws Exception {
        Reader reader = new Reader();
        byte[] body = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Void> done = upstream(Timeouts.DEFAULTS).post("/big", false, body,
                Map.of("Authorization", "Bearer sk-upstream"), reader);

        assertTrue(reader.firstPiece.await(10, TimeUnit.SECONDS), "the first piece arrives");
        Thread.sleep(500);
        // Asked for one piece only: what was read stays near the socket buffers, far from the 16 MiB sent.
        assertTrue(reader.bytes.get() < 2 * 1024 * 1024, reader.bytes.get() + " bytes read without demand");
        assertFalse(done.isDone(), "the exchange waits for demand");

        reader.subscription.request(Long.MAX_VALUE);
        done.get(20, TimeUnit.SECONDS);
        assertEquals(BIG, reader.bytes.get(), "every byte, once");
        assertTrue(reader.completed.getCount() == 0 && reader.error == null, "completed after the last piece");
        assertEquals(200, reader.status);
        assertEquals("application/octet-stream", reader.contentType);
        assertArrayEquals(body, lastRequestBody);
        assertEquals(List.of("Bearer sk-upstream"), lastRequestHeaders.get("Authorization"));
        assertEquals(List.of("application/json"), lastRequestHeaders.get("Content-type"));
        assertEquals(List.of("application/json"), lastRequestHeaders.get("Accept"));
        assertNull(lastRequestHeaders.get("Accept-encoding"), "no compression asked for");
    }

    @Test
    void passesTheStatusAndRetryAfterOfARefusal() throws Exception {
        Reader reader = new Reader();
        reader.autoRequest = true;
        upstream(Timeouts.DEFAULTS).post("/busy", true, new byte[0], Map.of(), reader).get(10, TimeUnit.SECONDS);

        assertEquals(429, reader.status);
        assertEquals(Duration.ofSeconds(7), reader.retryAfter);
        assertEquals("{\"error\":{\"message\":\"slow down\"}}", reader.text.toString());
        assertEquals(List.of("text/event-stream"), lastRequestHeaders.get("Accept"));
    }

    @Test
    void failsAsTimedOutWhenNoStatusLineComesWithinTheFirstByteTimeout() {
        Reader reader = new Reader();
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(60),
                Duration.ofMinutes(10));
        long started = System.nanoTime();
        var failed = assertThrows(ExecutionException.class, () -> upstream(timeouts).post("/hang", false, new byte[0],
                Map.of(), reader).get(8, TimeUnit.SECONDS));

        assertEquals(UpstreamFailure.FIRST_BYTE_TIMEOUT, UpstreamFailure.of(failed.getCause()),
                "the request reached the backend: never resent as a refusal");
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "ended by the first-byte timeout");
        assertEquals(0, reader.status, "no status was reported");
    }

    @Test
    void failsAsUnreachableWhenTheConnectionIsRefused() {
        Reader reader = new Reader();
        HttpUpstream nobody = new HttpUpstream(transport.http(Duration.ofSeconds(5)), "http://127.0.0.1:9", null,
                Timeouts.DEFAULTS);

        var failed = assertThrows(ExecutionException.class, () -> nobody.post("/v1/chat/completions", false,
                new byte[0], Map.of(), reader).get(10, TimeUnit.SECONDS));

        assertTrue(failed.getCause() instanceof IOException, String.valueOf(failed.getCause()));
        assertEquals(UpstreamFailure.REFUSED, UpstreamFailure.of(failed.getCause()),
                "refused, not timed out: a refusal the relay retries with backoff");
        assertEquals(0, reader.status);
    }

    @Test
    void cancellingTheSubscriptionClosesTheUpstreamConnection() throws Exception {
        Reader reader = new Reader();
        reader.autoRequest = true;
        upstream(Timeouts.DEFAULTS).post("/endless", true, new byte[0], Map.of(), reader);
        assertTrue(reader.firstPiece.await(10, TimeUnit.SECONDS));

        reader.subscription.cancel();

        assertTrue(streamEnded.await(10, TimeUnit.SECONDS), "the upstream stopped sending");
        assertTrue(streamWriteFailed.get(), "because its connection was closed, not because it was done");
    }

    @Test
    void cancellingTheFutureBeforeTheStatusLineAbortsTheExchange() throws Exception {
        Reader reader = new Reader();
        reader.autoRequest = true;
        CompletableFuture<Void> exchange = upstream(Timeouts.DEFAULTS).post("/late-endless", true, new byte[0],
                Map.of(), reader);
        Thread.sleep(200); // the request is with the server, its status line 300 ms away

        exchange.cancel(true);

        assertTrue(streamEnded.await(10, TimeUnit.SECONDS), "the upstream stopped sending");
        assertTrue(streamWriteFailed.get(), "because its connection was closed, not because it was done");
        assertEquals(0, reader.status, "nothing is delivered after a cancel");
    }

    @Test
    void aFailureIsClassifiedByItsTypeAndWhetherTheRequestLeftNeverByItsMessage() {
        assertEquals(UpstreamFailure.CONNECT_TIMEOUT, UpstreamFailure.of(new java.net.SocketTimeoutException("x")));
        Throwable wrapped = new java.net.SocketException("Could not connect to /10.0.0.1:80")
                .initCause(new java.net.SocketTimeoutException("Connect Timeout"));
        assertEquals(UpstreamFailure.CONNECT_TIMEOUT, UpstreamFailure.of(wrapped, false),
                "a timeout has cost its wait already, whatever its message says");
        assertEquals(UpstreamFailure.BROKEN, UpstreamFailure.of(new java.io.EOFException("reset"), true),
                "the request was sent: the upstream may have seen it");
        assertEquals(UpstreamFailure.REFUSED, UpstreamFailure.of(new java.io.EOFException("reset"), false),
                "nothing left: a resend is safe");
        assertEquals(UpstreamFailure.REFUSED, UpstreamFailure.of(new java.net.ConnectException("Connection refused")));
        assertEquals(UpstreamFailure.BROKEN, UpstreamFailure.of(new java.util.concurrent.CompletionException(
                new UpstreamFailure.Unanswered(UpstreamFailure.BROKEN, new java.io.IOException()))),
                "the transport's own classification wins");
    }

    /** Asks for one piece and then only when told, or for everything as it comes. */
    private static final class Reader implements BackendClient.ResponseHandler, Flow.Subscriber<List<ByteBuffer>> {
        final AtomicLong bytes = new AtomicLong();
        final StringBuilder text = new StringBuilder();
        final CountDownLatch firstPiece = new CountDownLatch(1);
        final CountDownLatch completed = new CountDownLatch(1);
        volatile boolean autoRequest;
        volatile int status;
        volatile String contentType;
        volatile Duration retryAfter;
        volatile Flow.Subscription subscription;
        volatile Throwable error;

        @Override
        public Flow.Subscriber<List<ByteBuffer>> onResponse(int status, String contentType, Duration retryAfter) {
            this.status = status;
            this.contentType = contentType;
            this.retryAfter = retryAfter;
            return this;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            for (ByteBuffer b : item) {
                bytes.addAndGet(b.remaining());
                if (bytes.get() < 4096) {
                    text.append(StandardCharsets.UTF_8.decode(b.duplicate()));
                }
            }
            firstPiece.countDown();
            if (autoRequest) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            completed.countDown();
        }

        @Override
        public void onComplete() {
            completed.countDown();
        }
    }
}
