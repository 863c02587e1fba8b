package io.tollgate.gateway.backends.control.anthropic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tollgate.gateway.backends.control.BackendClient;
import io.tollgate.gateway.backends.control.HttpUpstream;
import io.tollgate.gateway.backends.control.SharedTransport;
import io.tollgate.gateway.backends.control.Timeouts;
import io.tollgate.gateway.backends.control.UpstreamRequest;
import jakarta.json.JsonObject;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static io.tollgate.gateway.backends.control.anthropic.AnthropicRequestTranslationTest.json;
import static io.tollgate.gateway.backends.control.anthropic.AnthropicRequestTranslationTest.object;
import static io.tollgate.gateway.backends.control.anthropic.AnthropicStreamTranslationTest.ANTHROPIC_STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The client against an Anthropic stand-in on loopback: what goes out on the wire, and what the relay gets back. */
class AnthropicClientTest {

    private static final String KEY = "sk-ant-test-0001";
    private static final String MESSAGE = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5",
             "content":[{"type":"text","text":"Hi there"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":9,"output_tokens":3}}""";

    private HttpServer server;
    private final List<HttpExchangeRecord> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String contentType = "application/json";
    private volatile String answer = MESSAGE;
    private final SharedTransport transport = new SharedTransport();

    record HttpExchangeRecord(String method, String path, String apiKey, String version, String body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        transport.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        seen.add(new HttpExchangeRecord(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("x-api-key"),
                exchange.getRequestHeaders().getFirst("anthropic-version"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            // in small writes, so the client sees the body in many pieces
            for (int at = 0; at < bytes.length; at += 50) {
                out.write(bytes, at, Math.min(50, bytes.length - at));
                out.flush();
            }
        }
    }

    private AnthropicClient client() {
        return new AnthropicClient(new HttpUpstream(transport.http(Duration.ofSeconds(5)),
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/",
                KEY, Timeouts.DEFAULTS));
    }

    @Test
    void postsTheTranslatedRequestToMessagesWithAnthropicsHeaders() throws Exception {
        Recorder recorder = new Recorder();

        client().exchange(request("{\"model\":\"claude-haiku-4-5\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Hi\"}]}", false), recorder).get(10, TimeUnit.SECONDS);

        HttpExchangeRecord sent = seen.get(0);
        assertEquals("POST", sent.method());
        assertEquals("/v1/messages", sent.path());
        assertEquals(KEY, sent.apiKey());
        assertEquals("2023-06-01", sent.version());
        assertEquals(json("""
                {"model":"claude-haiku-4-5","system":"Be brief.","messages":[{"role":"user","content":"Hi"}],
                 "max_tokens":4096}"""), json(sent.body()));
    }

    @Test
    void answersAWholeMessageAsAChatCompletion() throws Exception {
        Recorder recorder = new Recorder();

        client().exchange(request("{\"model\":\"claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                false), recorder).get(10, TimeUnit.SECONDS);
        recorder.awaitCompletion();

        assertEquals(200, recorder.status);
        assertEquals("application/json", recorder.contentType);
        JsonObject completion = object(String.join("", recorder.received));
        assertEquals("chat.completion", completion.getString("object"));
        assertEquals("Hi there", completion.getJsonArray("choices").getJsonObject(0).getJsonObject("message")
                .getString("content"));
        assertEquals(12, completion.getJsonObject("usage").getInt("total_tokens"));
    }

    @Test
    void streamsTheTranslatedChunksOneRequestAtATime() throws Exception {
        contentType = "text/event-stream; charset=utf-8";
        answer = ANTHROPIC_STREAM;
        Recorder recorder = new Recorder();

        client().exchange(request("{\"model\":\"claude\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]}", true), recorder);
        recorder.awaitCompletion();

        assertEquals("text/event-stream", recorder.contentType);
        assertTrue(object(seen.get(0).body()).getBoolean("stream"));
        String all = String.join("", recorder.received);
        List<String> expected = AnthropicStreamTranslationTest.OPENAI_EVENTS;
        assertEquals(String.join("", expected).replaceAll("\"created\":\\d+", ""), all.replaceAll("\"created\":\\d+", ""));
    }

    @Test
    void translatesAnErrorAnswerKeepingItsStatus() throws Exception {
        status = 401;
        answer = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}";
        Recorder recorder = new Recorder();

        client().exchange(request("{\"model\":\"claude\",\"messages\":[]}", true), recorder);
        recorder.awaitCompletion();

        assertEquals(401, recorder.status);
        assertEquals("application/json", recorder.contentType);
        assertEquals("{\"error\":{\"message\":\"invalid x-api-key\",\"type\":\"authentication_error\",\"param\":null,"
                + "\"code\":null}}", String.join("", recorder.received));
    }

    @Test
    void answersAnUntranslatableRequestItselfWithA400() throws Exception {
        Recorder recorder = new Recorder();

        client().exchange(request("{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\","
                + "\"file\":{\"file_id\":\"f\"}}]}]}", false), recorder).get(10, TimeUnit.SECONDS);

        assertEquals(400, recorder.status);
        JsonObject error = object(String.join("", recorder.received)).getJsonObject("error");
        assertEquals("messages[0].content[0].type", error.getString("param"));
        assertEquals(List.of(), seen, "nothing was sent upstream");
    }

    @Test
    void refusesEndpointsOtherThanChatCompletions() throws Exception {
        Recorder recorder = new Recorder();
        JsonObject json = object("{\"model\":\"claude\",\"input\":\"hello\"}");

        client().exchange(new UpstreamRequest("/embeddings", json, json.toString().getBytes(StandardCharsets.UTF_8),
                false), recorder).get(10, TimeUnit.SECONDS);

        assertEquals(404, recorder.status);
        assertEquals("unsupported_endpoint", object(String.join("", recorder.received)).getJsonObject("error")
                .getString("code"));
        assertEquals(List.of(), seen);
    }

    @Test
    void failsTheExchangeWhenTheBackendCannotBeReached() {
        Recorder recorder = new Recorder();
        AnthropicClient unreachable = new AnthropicClient(new HttpUpstream(transport.http(Duration.ofSeconds(5)),
                "http://127.0.0.1:9/v1", KEY, Timeouts.DEFAULTS));

        var failed = assertThrows(ExecutionException.class, () -> unreachable.exchange(
                request("{\"model\":\"claude\",\"messages\":[]}", false), recorder).get(10, TimeUnit.SECONDS));

        assertTrue(failed.getCause() instanceof IOException, String.valueOf(failed.getCause()));
        assertEquals(0, recorder.status, "no status was reported");
    }

    private static UpstreamRequest request(String body, boolean stream) {
        JsonObject json = object(body);
        return new UpstreamRequest("/chat/completions", json, json.toString().getBytes(StandardCharsets.UTF_8), stream);
    }

    /** Asks for one piece at a time, as the relay's client stream does. */
    private static final class Recorder implements BackendClient.ResponseHandler, Flow.Subscriber<List<ByteBuffer>> {
        final List<String> received = new CopyOnWriteArrayList<>();
        final CountDownLatch completed = new CountDownLatch(1);
        volatile int status;
        volatile String contentType;
        volatile Flow.Subscription subscription;

        @Override
        public Flow.Subscriber<List<ByteBuffer>> onResponse(int status, String contentType, java.time.Duration retryAfter) {
            this.status = status;
            this.contentType = contentType;
            return this;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            StringBuilder text = new StringBuilder();
            items.forEach(b -> text.append(StandardCharsets.UTF_8.decode(b.duplicate())));
            received.add(text.toString());
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            received.add("ERROR " + t);
            completed.countDown();
        }

        @Override
        public void onComplete() {
            completed.countDown();
        }

        void awaitCompletion() throws InterruptedException {
            if (!completed.await(10, TimeUnit.SECONDS)) {
                fail("not completed; received " + received);
            }
        }
    }
}
