package io.tollgate.it;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tracing end to end: a replica with OpenTelemetry on, exporting OTLP/HTTP (protobuf) to a receiver; a caller's
 * {@code traceparent}; a backend that reports the trace context it was sent. One replica for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracingIT {

    private static final String ADMIN = TestDatabase.ADMIN_KEY;
    private static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String PROMPT = "the secret prompt text of tracing";
    private static final Duration EXPORTED = Duration.ofSeconds(20);

    private static EmbeddedPostgres database;
    private static TestUpstream upstream;
    private static OtlpReceiver receiver;
    private static ReplicaProcess replica;
    private static TollgateClient tollgate;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedPostgres.builder().start();
        upstream = new TestUpstream();
        receiver = new OtlpReceiver();
        replica = ReplicaProcess.start("tracing", database.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
                Files.createTempDirectory("tollgate-tracing-spill"), List.of("-Dotel.sdk.disabled=false",
                        "-Dotel.service.name=tollgate-it",
                        "-Dotel.exporter.otlp.endpoint=" + receiver.endpoint(),
                        "-Dotel.exporter.otlp.protocol=http/protobuf", "-Dotel.metrics.exporter=none",
                        "-Dotel.logs.exporter=none", "-Dotel.bsp.schedule.delay=200", "-Dotel.traces.exporter=otlp"));
        tollgate = new TollgateClient(replica.url());
        replica.awaitReady(tollgate);
        var project = tollgate.post("/v1/organization/projects", ADMIN, "{\"name\":\"traced\"}");
        String projectId = json(project.body()).getString("id");
        var account = tollgate.post("/v1/organization/projects/" + projectId + "/service_accounts", ADMIN,
                "{\"name\":\"bot\"}");
        key = json(account.body()).getJsonObject("api_key").getString("value");
        created(tollgate.post("/v1/organization/backends", ADMIN, """
                {"name":"traced-upstream","kind":"openai","base_url":"%s",
                 "models":[{"model":"traced","upstream_model":"upstream-echo"},
                           {"model":"flaky","upstream_model":"upstream-echo","weight":1}]}"""
                .formatted(upstream.baseUrl())));
        // Nothing listens here: a connection refused, then the fail-over to the upstream above.
        created(tollgate.post("/v1/organization/backends", ADMIN, """
                {"name":"refusing","kind":"openai","base_url":"http://127.0.0.1:%d/v1",
                 "models":[{"model":"flaky","upstream_model":"upstream-echo","weight":1000000},
                           {"model":"gone","upstream_model":"upstream-echo"}]}""".formatted(ReplicaProcess.freePort())));
        awaitServed("traced");
        awaitServed("gone");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable part : new AutoCloseable[]{replica, receiver, upstream, database}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception ignored) {
                // the next part still closes
            }
        }
    }

    @Test
    @Order(1)
    void aCallIsAServerSpanUnderTheCallersTraceAndItsAttemptGoesUpstreamInTheSameTrace() throws Exception {
        int before = upstream.traceparents.size();
        var answer = tollgate.post("/v1/chat/completions", Map.of("Authorization", "Bearer " + key,
                "traceparent", "00-" + CALLER_TRACE + "-b7ad6b7169203331-01"), chat("traced", false, 16));
        assertEquals(200, answer.statusCode(), answer.body());

        var server = receiver.await(s -> isCall(s, "chat traced") && s.traceId().equals(CALLER_TRACE),
                EXPORTED);
        assertEquals("tollgate-it", server.service());
        // Under the caller's span: directly, or through the platform's own HTTP SERVER span of this request.
        var parent = receiver.spans.stream().filter(s -> s.spanId().equals(server.parentSpanId())).findFirst();
        assertEquals("b7ad6b7169203331", parent.map(OtlpReceiver.Received::parentSpanId).orElse(server.parentSpanId()));
        parent.ifPresent(http -> assertEquals(SpanKind.SPAN_KIND_SERVER, http.kind()));
        assertEquals(Map.of("gen_ai.operation.name", "chat", "gen_ai.request.model", "traced",
                "gen_ai.response.model", "upstream-echo", "gen_ai.usage.input_tokens", "5",
                "gen_ai.usage.output_tokens", "4", "gen_ai.request.max_tokens", "16",
                "tollgate.backend", "traced-upstream"), pick(server, "gen_ai.operation.name", "gen_ai.request.model",
                "gen_ai.response.model", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
                "gen_ai.request.max_tokens", "tollgate.backend"));
        assertTrue(server.string("tollgate.project_id").orElse("").startsWith("proj_"), server.toString());
        var client = receiver.await(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT && s.traceId().equals(CALLER_TRACE),
                EXPORTED);
        assertEquals(server.spanId(), client.parentSpanId());
        assertEquals("openai", client.string("gen_ai.provider.name").orElseThrow());
        // The backend was sent the CLIENT span's context: its own spans join this trace under the attempt.
        assertEquals("00-" + CALLER_TRACE + "-" + client.spanId() + "-01",
                upstream.traceparents.get(upstream.traceparents.size() - 1));
        assertTrue(upstream.traceparents.size() > before);
        // The access log line leads to the trace.
        awaitLogged("\"trace_id\":\"" + CALLER_TRACE + "\"");
    }

    private static void awaitLogged(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(ReplicaProcess.log("tracing").toPath()).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the replica's log never said " + text);
    }

    @Test
    @Order(2)
    void aStreamsSpanEndsWithTheStreamAndCarriesItsUsage() throws Exception {
        var answer = tollgate.post("/v1/chat/completions", Map.of("Authorization", "Bearer " + key),
                chat("demo", true, 8));
        assertEquals(200, answer.statusCode(), answer.body());

        var server = receiver.await(s -> isCall(s, "chat demo"),
                EXPORTED);
        assertTrue(Integer.parseInt(server.string("gen_ai.usage.output_tokens").orElse("0")) > 0, server.toString());
        // The demo simulator waits 100 ms before its first token, after a first chunk that is the role alone: the
        // time to the first token is that wait, not the few milliseconds to the first byte.
        assertTrue(Long.parseLong(server.string("tollgate.time_to_first_token_ms").orElse("0")) >= 90,
                server.toString());
        // The ledger (and with it the portal's "First token" column) says the same.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Integer ledgered = null;
        while (ledgered == null && System.nanoTime() < deadline) {
            try (var c = database.getPostgresDatabase().getConnection(); var q = c.prepareStatement(
                    "select ttft_ms from usage_events where model = 'demo' and streamed order by occurred_at desc limit 1");
                 var rows = q.executeQuery()) {
                ledgered = rows.next() ? rows.getInt(1) : null;
            }
            if (ledgered == null) {
                Thread.sleep(200);
            }
        }
        assertTrue(ledgered != null && ledgered >= 90, "ledger ttft_ms " + ledgered);
        assertEquals("tollgate.simulator", receiver.await(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT
                && s.traceId().equals(server.traceId()), EXPORTED).string("gen_ai.provider.name").orElseThrow());
    }

    @Test
    @Order(3)
    void aFailOverShowsTwoAttemptsTheFirstFailed() throws Exception {
        var answer = tollgate.post("/v1/chat/completions", Map.of("Authorization", "Bearer " + key),
                chat("flaky", false, 8));
        assertEquals(200, answer.statusCode(), answer.body());

        var server = receiver.await(s -> isCall(s, "chat flaky"),
                EXPORTED);
        var refused = receiver.await(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT && s.traceId().equals(server.traceId())
                && s.string("tollgate.backend").orElse("").equals("refusing"), EXPORTED);
        assertEquals(2, refused.statusCode(), "the refused attempt is an error");
        assertEquals("refused", refused.string("error.type").orElseThrow());
        receiver.await(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT && s.traceId().equals(server.traceId())
                && s.string("tollgate.backend").orElse("").equals("traced-upstream"), EXPORTED);
        assertEquals("2", server.string("tollgate.attempts").orElseThrow());
    }

    @Test
    @Order(4)
    void failedAndRefusedCallsAreErrorsAndAMalformedTraceparentStartsANewTrace() throws Exception {
        var failed = tollgate.post("/v1/chat/completions", Map.of("Authorization", "Bearer " + key,
                "traceparent", "00-zzzz-not-hex-01"), chat("gone", false, 8));
        assertTrue(failed.statusCode() >= 500, failed.body());
        var server = receiver.await(s -> isCall(s, "chat gone"),
                EXPORTED);
        assertEquals(2, server.statusCode());
        assertFalse(server.traceId().contains("zzzz"));
        var httpSpan = receiver.spans.stream().filter(s -> s.spanId().equals(server.parentSpanId())).findFirst();
        assertEquals("", httpSpan.map(OtlpReceiver.Received::parentSpanId).orElse(server.parentSpanId()),
                "a new trace, not a child of the malformed one");

        var refused = tollgate.post("/v1/chat/completions", Map.of("Authorization", "Bearer " + key),
                chat("no-such-model", false, 8));
        assertEquals(404, refused.statusCode(), refused.body());
        var refusedSpan = receiver.await(s -> isCall(s, "chat no-such-model"), EXPORTED);
        assertEquals("model_not_found", refusedSpan.string("error.type").orElseThrow());
    }

    @Test
    @Order(5)
    void noSpanCarriesThePromptOrTheAnswer() throws InterruptedException {
        receiver.await(s -> isCall(s, "chat no-such-model"), EXPORTED);
        receiver.spans.forEach(span -> span.attributes().forEach(a -> {
            assertFalse(a.getValue().toString().contains(PROMPT), span.name() + " carries the prompt: " + a);
            assertFalse(a.getValue().toString().contains("from the test upstream"), span.name() + " carries text");
        }));
        assertTrue(receiver.contentTypes.stream().allMatch(t -> t.startsWith("application/x-protobuf")),
                receiver.contentTypes.toString());
    }

    @Test
    @Order(6)
    void aCollectorThatIsGoneCostsNoRequest() throws Exception {
        receiver.close();
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> answer = tollgate.post("/v1/chat/completions", Map.of("Authorization", "Bearer "
                    + key), chat("traced", i % 2 == 0, 8));
            assertEquals(200, answer.statusCode(), answer.body());
        }
        // Bounded, not timed: twenty answers while every export fails, well inside one exporter timeout each.
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30);
    }

    /** The call's own span (not an attempt's, which may carry the same name when the models are named alike). */
    private static boolean isCall(OtlpReceiver.Received span, String name) {
        return span.name().equals(name) && span.kind() != SpanKind.SPAN_KIND_CLIENT;
    }

    private static Map<String, String> pick(OtlpReceiver.Received span, String... keys) {
        var picked = new java.util.HashMap<String, String>();
        for (String k : keys) {
            span.string(k).ifPresent(v -> picked.put(k, v));
        }
        return picked;
    }

    private static String chat(String model, boolean stream, int maxTokens) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    }

    private static void created(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
    }

    private static void awaitServed(String model) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (tollgate.get("/v1/models/" + model, key).statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(model + " not served within 10 s");
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
