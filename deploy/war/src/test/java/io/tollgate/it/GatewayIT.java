package io.tollgate.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.tollgate.it.OpenAiContract.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The walking skeleton end to end: the real tollgate.war on Payara Micro against a real PostgreSQL, driven over
 * HTTP like a client would (and by the official openai npm package). One deployment for all, as each costs a boot.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GatewayIT {

    static final String DEMO = TestDatabase.DEMO_KEY;
    static final String ADMIN = TestDatabase.ADMIN_KEY;
    static final HttpClient HTTP = TollgateClient.HTTP;
    static TestUpstream upstream;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateClient.deployment();
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new TestUpstream();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    // ---- health and metrics

    @Test
    void reportsReadyOnceMigratedAndLive() throws Exception {
        awaitReady();
        assertEquals(200, get("/health/live", null).statusCode());
        var metrics = get("/metrics", null);
        assertEquals(200, metrics.statusCode());
        double before = metric("llm_requests_total", "model=\"demo\"", "status=\"200\"");
        double inputBefore = metric("llm_tokens_total", "type=\"input\"");
        assertEquals(200, post("/v1/chat/completions", DEMO, chat("demo", false)).statusCode());
        assertEquals(before + 1, metric("llm_requests_total", "model=\"demo\"", "status=\"200\""));
        assertTrue(metric("llm_tokens_total", "type=\"input\"") > inputBefore);
    }

    @Test
    void refusesTheCleartextHttp2Upgrade() throws Exception {
        awaitReady();
        var http2 = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        var answer = http2.send(HttpRequest.newBuilder(uri("/v1/models")).header("Authorization", "Bearer " + DEMO)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, answer.version(),
                "h2c stays off: Grizzly's cleartext HTTP/2 stalled under concurrent streams");
    }

    @Test
    void aRealPrometheusScrapesTheSeedsMetrics() throws Exception {
        awaitReady();
        try (PrometheusScrape prometheus = new PrometheusScrape(base.getHost() + ":" + base.getPort())) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, post("/v1/chat/completions", DEMO, chat("demo", i % 2 == 0)).statusCode());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String requests = "";
            String p50 = "";
            while (System.nanoTime() < deadline) {
                requests = prometheus.query("sum(llm_requests_total{model=\"demo\",status=\"200\"})");
                p50 = prometheus.query("histogram_quantile(0.5, sum by (le) (llm_request_latency_seconds_bucket"
                        + "{model=\"demo\"}))");
                if (requests.contains("\"result\":[{") && p50.contains("\"result\":[{")) {
                    break;
                }
                Thread.sleep(500);
            }
            double total = Double.parseDouble(json(requests).getJsonObject("data").getJsonArray("result")
                    .getJsonObject(0).getJsonArray("value").getString(1));
            assertTrue(total >= 5, requests);
            double median = Double.parseDouble(json(p50).getJsonObject("data").getJsonArray("result")
                    .getJsonObject(0).getJsonArray("value").getString(1));
            assertTrue(median > 0 && median < 5, "a median latency in seconds: " + p50);
            for (String series : List.of("llm_tokens_total", "llm_time_to_first_token_seconds_count",
                    "tollgate_requests_in_flight", "tollgate_requests_queued", "tollgate_ledger_queue_depth")) {
                assertTrue(prometheus.query(series).contains("\"result\":[{"), series + " scraped");
            }
        }
    }

    // ---- the OpenAI surface

    @Test
    void answersANonStreamedCompletionFromTheSimulator() throws Exception {
        awaitReady();
        var response = post("/v1/chat/completions", DEMO, chat("demo", false));
        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = json(response.body());
        assertEquals("chat.completion", body.getString("object"));
        String text = body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
        assertFalse(text.isBlank());
        JsonObject usage = body.getJsonObject("usage");
        assertEquals(usage.getInt("prompt_tokens") + usage.getInt("completion_tokens"), usage.getInt("total_tokens"));
    }

    @Test
    void streamsTheSameTextChunkByChunkEndingWithDone() throws Exception {
        awaitReady();
        String whole = json(post("/v1/chat/completions", DEMO, chat("demo", false)).body())
                .getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
        var response = post("/v1/chat/completions", DEMO, chat("demo", true));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> events = sseData(response.body());
        assertEquals("[DONE]", events.get(events.size() - 1));
        StringBuilder streamed = new StringBuilder();
        for (String data : events.subList(0, events.size() - 1)) {
            var choices = json(data).getJsonArray("choices");
            if (!choices.isEmpty()) {
                var delta = choices.getJsonObject(0).getJsonObject("delta");
                streamed.append(delta.getString("content", ""));
            }
        }
        assertTrue(events.size() > 3, "several chunks, got " + events.size());
        assertEquals(whole, streamed.toString());
        assertTrue(events.get(events.size() - 2).contains("\"completion_tokens\""), "the usage chunk the client asked for");

        String withoutUsage = chat("demo", true).replace(",\"stream_options\":{\"include_usage\":true}", "");
        var plain = post("/v1/chat/completions", DEMO, withoutUsage);
        assertFalse(withoutUsage.contains("include_usage"));
        assertFalse(plain.body().contains("\"usage\""), "no usage for a client that did not ask: " + plain.body());
        assertTrue(plain.body().endsWith("data: [DONE]\n\n"));
    }

    @Test
    void relaysTheFirstChunkBeforeTheUpstreamHasFinished() throws Exception {
        awaitReady();
        String id = createBackend("gated-" + System.nanoTime(), "gated-model", "upstream-gated");
        awaitModel("gated-model");
        var request = HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .header("Authorization", "Bearer " + DEMO).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat("gated-model", true))).build();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String first = reader.readLine();
            assertNotNull(first);
            assertTrue(first.contains("\"first\""), first);
            assertFalse(upstream.finishedGatedStream, "the upstream must still be holding the rest back");
            upstream.release.countDown();
            StringBuilder rest = new StringBuilder();
            for (String line; (line = reader.readLine()) != null; ) {
                rest.append(line).append('\n');
            }
            assertTrue(rest.toString().contains(" second"));
            assertTrue(rest.toString().contains("data: [DONE]"));
        }
        delete("/v1/organization/backends/" + id);
    }

    @Test
    void servesLegacyTextCompletionsStreamedAndNot() throws Exception {
        awaitReady();
        var whole = post("/v1/completions", DEMO, "{\"model\":\"demo\",\"prompt\":\"Once upon a time\"}");
        assertEquals(200, whole.statusCode(), whole.body());
        JsonObject body = json(whole.body());
        assertEquals("text_completion", body.getString("object"));
        String text = body.getJsonArray("choices").getJsonObject(0).getString("text");
        var streamed = post("/v1/completions", DEMO, "{\"model\":\"demo\",\"prompt\":\"Once upon a time\",\"stream\":true}");
        StringBuilder joined = new StringBuilder();
        for (String data : sseData(streamed.body())) {
            if (!data.equals("[DONE]")) {
                joined.append(json(data).getJsonArray("choices").getJsonObject(0).getString("text"));
            }
        }
        assertEquals(text, joined.toString());
    }

    @Test
    void servesEmbeddings() throws Exception {
        awaitReady();
        var response = post("/v1/embeddings", DEMO, "{\"model\":\"demo\",\"input\":[\"a\",\"b\"],\"dimensions\":32}");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = json(response.body());
        assertEquals(2, body.getJsonArray("data").size());
        assertEquals(32, body.getJsonArray("data").getJsonObject(0).getJsonArray("embedding").size());
        assertEquals("demo", body.getString("model"));
        assertError(post("/v1/embeddings", DEMO, "{\"model\":\"demo\"}"), 400, null);
    }

    @Test
    void refusesHostileBodiesWithoutHarm() throws Exception {
        awaitReady();
        byte[] badUtf8 = {'{', '"', 'm', 'o', 'd', 'e', 'l', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        var utf8 = HTTP.send(HttpRequest.newBuilder(uri("/v1/chat/completions")).header("Authorization", "Bearer " + DEMO)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(badUtf8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(utf8, 400, null);
        assertError(post("/v1/chat/completions", DEMO, "{\"model\":\"demo\",\"messages\":" + "[".repeat(100_000)), 400, null);
        assertTrue(rawStatusLineFor9MiBUpload().contains(" 413 "), "an oversize body is refused before it is read");
        assertError(post("/v1/chat/completions", DEMO, "{\"model\":\"demo\",\"n\":0,\"messages\":[{\"role\":\"user\"}]}"), 400, null);
        assertError(post("/v1/chat/completions", DEMO, "{\"model\":\"demo\",\"max_tokens\":-5,\"messages\":[{\"role\":\"user\"}]}"), 400, null);
        assertError(get("/v1/no-such-endpoint", DEMO), 404, null);
        assertEquals(200, post("/v1/chat/completions", DEMO, chat("demo", false)).statusCode(), "still serving");
    }

    @Test
    void answersInTheShapesOfOpenAisOwnApiDescription() throws Exception {
        awaitReady();
        OpenAiContract.assertConforms("CreateChatCompletionResponse",
                post("/v1/chat/completions", DEMO, chat("demo", false)).body());
        for (String data : sseData(post("/v1/chat/completions", DEMO, chat("demo", true)).body())) {
            if (!data.equals("[DONE]")) {
                OpenAiContract.assertConforms("CreateChatCompletionStreamResponse", data);
            }
        }
        OpenAiContract.assertConforms("CreateCompletionResponse",
                post("/v1/completions", DEMO, "{\"model\":\"demo\",\"prompt\":\"Hi\"}").body());
        OpenAiContract.assertConforms("CreateEmbeddingResponse",
                post("/v1/embeddings", DEMO, "{\"model\":\"demo\",\"input\":\"Hi\"}").body());
        OpenAiContract.assertConforms("ListModelsResponse", get("/v1/models", DEMO).body());
        OpenAiContract.assertConforms("Model", get("/v1/models/demo", DEMO).body());
        OpenAiContract.assertConforms("ErrorResponse", post("/v1/chat/completions", "sk-tg-nope", chat("demo", false)).body());
        OpenAiContract.assertConforms("ErrorResponse", post("/v1/chat/completions", DEMO, chat("nobody", false)).body());
        OpenAiContract.assertConforms("ErrorResponse", get("/v1/models/nobody", DEMO).body());
    }

    @Test
    void listsTheModelsTheKeyMayUse() throws Exception {
        awaitReady();
        var response = get("/v1/models", DEMO);
        assertEquals(200, response.statusCode());
        JsonObject body = json(response.body());
        assertEquals("list", body.getString("object"));
        assertTrue(body.getJsonArray("data").stream().map(v -> v.asJsonObject().getString("id")).anyMatch("demo"::equals));
        assertEquals(401, get("/v1/models", null).statusCode());
    }

    @Test
    void refusesBadRequestsInOpenAiShape() throws Exception {
        awaitReady();
        assertError(post("/v1/chat/completions", null, chat("demo", false)), 401, null);
        assertError(post("/v1/chat/completions", "sk-tg-unknown", chat("demo", false)), 401, "invalid_api_key");
        assertError(post("/v1/chat/completions", DEMO, chat("nobody-serves-this", false)), 404, "model_not_found");
        assertError(post("/v1/chat/completions", DEMO, "{\"model\": \"demo\", \"messages\": ["), 400, null);
        assertError(post("/v1/chat/completions", DEMO, "[1,2]"), 400, null);
        assertError(post("/v1/chat/completions", DEMO, "{\"model\":\"demo\"}"), 400, null);
        assertError(post("/v1/chat/completions", DEMO, "{\"model\":42,\"messages\":[]}"), 400, null);
        var wrongMethod = get("/v1/chat/completions", DEMO);
        assertError(wrongMethod, 405, "method_not_allowed");
        // The Jakarta REST variant of the chat surface is closed unless TOLLGATE_JAKARTA_REST_INFERENCE is set.
        assertError(post("/v1/rs/v1/chat/completions", DEMO, chat("demo", false)), 404, "not_found");
        // Unauthenticated requests never reach a backend, however they are shaped.
        int before = upstream.bodies.size();
        post("/v1/chat/completions", "sk-tg-unknown", chat("echo-model", false));
        assertEquals(before, upstream.bodies.size());
    }

    @Test
    void tagsEveryResponseWithARequestId() throws Exception {
        awaitReady();
        for (String path : List.of("/v1/chat/completions", "/v1/models", "/v1/organization/backends")) {
            var echoed = HTTP.send(HttpRequest.newBuilder(uri(path)).header("x-request-id", "trace-42")
                    .header("Authorization", "Bearer " + DEMO).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(chat("demo", false))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("trace-42", echoed.headers().firstValue("x-request-id").orElse(null), path);
            var fresh = get(path, null);
            assertTrue(fresh.headers().firstValue("x-request-id").orElse("").startsWith("req_"), path);
        }
        var ok = post("/v1/chat/completions", DEMO, chat("demo", false));
        assertTrue(ok.headers().firstValue("openai-processing-ms").isPresent());
    }

    @Test
    void neverAnswersMutatedBodiesWithA5xxOrAStackTrace() throws Exception {
        awaitReady();
        String fuzzBackend = json(post("/v1/organization/backends", ADMIN, """
                {"name":"fuzz-%d","kind":"simulator","time_to_first_token_ms":0,"tokens_per_second":100000,
                 "models":[{"model":"fuzz"}]}""".formatted(System.nanoTime())).body()).getString("id");
        awaitModel("fuzz");
        List<String[]> seeds = List.of(
                new String[]{"/v1/chat/completions", DEMO, "{\"model\":\"fuzz\",\"max_tokens\":3,\"stream\":false,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.2,\"n\":1}"},
                new String[]{"/v1/chat/completions", DEMO, "{\"model\":\"fuzz\",\"max_tokens\":3,\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]}"},
                new String[]{"/v1/completions", DEMO, "{\"model\":\"fuzz\",\"prompt\":[\"a\",\"b\"],\"max_tokens\":2}"},
                new String[]{"/v1/embeddings", DEMO, "{\"model\":\"fuzz\",\"input\":[\"a\"],\"dimensions\":4,\"encoding_format\":\"float\"}"},
                new String[]{"/v1/messages", DEMO, "{\"model\":\"fuzz\",\"max_tokens\":3,\"system\":\"s\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]}"},
                new String[]{"/v1/organization/backends", ADMIN, "{\"name\":\"n\",\"kind\":\"simulator\","
                        + "\"models\":[{\"model\":\"m\",\"weight\":0}],\"timeouts\":{\"idle_ms\":5}}"});
        java.util.Random random = new java.util.Random(20261126);
        int sent = 0;
        List<String> created = new ArrayList<>();
        for (int round = 0; round < 120; round++) {
            for (String[] seed : seeds) {
                byte[] body = Mutations.mutate(seed[2].getBytes(StandardCharsets.UTF_8), random);
                String shown = new String(body, StandardCharsets.UTF_8);
                HttpResponse<String> response;
                try {
                    response = HTTP.send(HttpRequest.newBuilder(uri(seed[0])).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + seed[1]).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (java.net.http.HttpTimeoutException e) {
                    throw new AssertionError(seed[0] + " did not answer within 30 s: " + shown, e);
                }
                sent++;
                assertTrue(response.statusCode() < 500, seed[0] + " answered " + response.statusCode() + " to " + shown
                        + ": " + response.body());
                assertFalse(response.body().contains("Exception") || response.body().contains("\tat "),
                        "a stack trace leaked for " + shown + ": " + response.body());
                if (seed[0].endsWith("backends") && response.statusCode() == 201) {
                    created.add(json(response.body()).getString("id"));
                }
            }
        }
        for (String id : created) {
            delete("/v1/organization/backends/" + id);
        }
        delete("/v1/organization/backends/" + fuzzBackend);
        assertEquals(6 * 120, sent);
        assertEquals(200, get("/health/ready", null).statusCode(), "still ready");
        assertEquals(200, post("/v1/chat/completions", DEMO, chat("demo", false)).statusCode(), "still serving");
    }

    // ---- the admin API

    @Test
    void registersABackendThatServesWithinTwoSecondsAndRemovesIt() throws Exception {
        awaitReady();
        String name = "echo-" + System.nanoTime();
        var created = post("/v1/organization/backends", ADMIN, """
                {"name":"%s","kind":"openai","base_url":"%s","api_key":"sk-upstream-secret-123",
                 "models":[{"model":"echo-model","upstream_model":"upstream-echo","weight":1}]}"""
                .formatted(name, upstream.baseUrl()));
        assertEquals(201, created.statusCode(), created.body());
        JsonObject backend = json(created.body());
        String id = backend.getString("id");
        assertTrue(backend.getBoolean("has_api_key"));
        assertFalse(created.body().contains("sk-upstream-secret-123"), "the credential is never shown again");

        long start = System.nanoTime();
        var answer = awaitStatus("echo-model", 200, Duration.ofSeconds(2));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(answer.body().contains("from the test upstream"), answer.body());
        assertEquals("echo-model", json(answer.body()).getString("model"), "the public model name comes back");
        assertTrue(tookMs <= 2000, "in effect within 2 s, took " + tookMs + " ms");
        assertTrue(upstream.bodies.get(upstream.bodies.size() - 1).contains("\"model\":\"upstream-echo\""),
                "the backend's own model name is sent upstream");
        post("/v1/chat/completions", DEMO, """
                {"model":"echo-model","messages":[{"role":"user","content":"hi"}],"seed":7,"user":"u-1",
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
                 "response_format":{"type":"json_object"},"a_field_from_next_year":{"x":[1,2]}}""");
        JsonObject forwarded = json(upstream.bodies.get(upstream.bodies.size() - 1));
        assertEquals(7, forwarded.getInt("seed"));
        assertEquals("u-1", forwarded.getString("user"));
        assertEquals("f", forwarded.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name"));
        assertEquals("json_object", forwarded.getJsonObject("response_format").getString("type"));
        assertEquals(2, forwarded.getJsonObject("a_field_from_next_year").getJsonArray("x").getInt(1),
                "fields Tollgate does not know pass through untouched");
        assertEquals("Bearer sk-upstream-secret-123", upstream.authorizations.get(upstream.authorizations.size() - 1));

        try (Connection c = TestDatabase.connect()) {
            ResultSet rs = c.createStatement().executeQuery("select api_key_encrypted from backends where id = '" + id + "'");
            assertTrue(rs.next());
            String stored = rs.getString(1);
            assertFalse(stored.contains("sk-upstream-secret"), "credentials are encrypted at rest");
        }

        var listed = json(get("/v1/organization/backends", ADMIN).body());
        assertTrue(listed.getJsonArray("data").stream().anyMatch(v -> v.asJsonObject().getString("id").equals(id)));
        assertEquals(200, get("/v1/organization/backends/" + id, ADMIN).statusCode());

        var modified = post("/v1/organization/backends/" + id, ADMIN, "{\"models\":[{\"model\":\"echo-renamed\",\"upstream_model\":\"upstream-echo\"}]}");
        assertEquals(200, modified.statusCode(), modified.body());
        awaitStatus("echo-renamed", 200, Duration.ofSeconds(2));
        awaitStatus("echo-model", 404, Duration.ofSeconds(2));

        assertEquals(200, delete("/v1/organization/backends/" + id).statusCode());
        awaitStatus("echo-renamed", 404, Duration.ofSeconds(2));
        assertError(get("/v1/organization/backends/" + id, ADMIN), 404, "not_found");
    }

    @Test
    void passesUpstreamClientErrorsThrough() throws Exception {
        awaitReady();
        String id = createBackend("teapot-" + System.nanoTime(), "teapot-model", "upstream-teapot");
        var response = awaitStatus("teapot-model", 418, Duration.ofSeconds(2));
        assertEquals("teapot", json(response.body()).getJsonObject("error").getString("code"));
        delete("/v1/organization/backends/" + id);
    }

    @Test
    void fallsOverToAnotherBackendWhenOneCannotBeReached() throws Exception {
        awaitReady();
        String dead = post("/v1/organization/backends", ADMIN, """
                {"name":"dead-%d","kind":"openai","base_url":"http://127.0.0.1:9/v1",
                 "models":[{"model":"failover-model","upstream_model":"upstream-echo"}]}""".formatted(System.nanoTime()))
                .body();
        String deadId = json(dead).getString("id");
        // Unreachable: 502 — or 503 once the fleet's health checks have marked it down.
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int status;
        do {
            status = post("/v1/chat/completions", DEMO, chat("failover-model", false)).statusCode();
        } while (status == 404 && System.nanoTime() < until);
        assertTrue(status == 502 || status == 503, "got " + status);
        String live = createBackend("live-" + System.nanoTime(), "failover-model", "upstream-echo");
        Thread.sleep(1500);
        for (int i = 0; i < 6; i++) {
            var r = post("/v1/chat/completions", DEMO, chat("failover-model", false));
            assertEquals(200, r.statusCode(), "request " + i + ": " + r.body());
        }
        delete("/v1/organization/backends/" + deadId);
        delete("/v1/organization/backends/" + live);
    }

    @Test
    void timesOutASlowBackendWith504() throws Exception {
        awaitReady();
        String id = createBackend("slow-" + System.nanoTime(), "slow-model", "upstream-slow",
                "{\"first_byte_ms\":500}");
        var response = awaitStatus("slow-model", 504, Duration.ofSeconds(5));
        assertError(response, 504, "upstream_timeout");
        delete("/v1/organization/backends/" + id);
    }

    @Test
    void endsAStalledStreamWithAnErrorEventAndCancelsTheUpstream() throws Exception {
        awaitReady();
        String id = createBackend("stall-" + System.nanoTime(), "stall-model", "upstream-stall", "{\"idle_ms\":500}");
        awaitModel("stall-model");
        var response = post("/v1/chat/completions", DEMO, chat("stall-model", true));
        assertEquals(200, response.statusCode());
        List<String> events = sseData(response.body());
        assertTrue(events.get(0).contains("stalled"), response.body());
        String last = events.get(events.size() - 1);
        assertEquals("upstream_timeout", json(last).getJsonObject("error").getString("code"), response.body());
        assertFalse(response.body().contains("[DONE]"));
        assertTrue(response.body().contains(": keep-alive\n\n"), "the quiet stream got keep-alive comments: "
                + response.body());
        assertTrue(upstream.stallCancelled.await(15, TimeUnit.SECONDS), "the upstream saw Tollgate hang up");
        delete("/v1/organization/backends/" + id);
    }

    @Test
    void cancelsTheUpstreamWhenTheClientHangsUpMidStream() throws Exception {
        awaitReady();
        String id = createBackend("drip-" + System.nanoTime(), "drip-model", "upstream-drip");
        awaitModel("drip-model");
        double outputBefore = metric("llm_tokens_total", "type=\"output\"");
        try (var socket = new java.net.Socket(base.getHost(), base.getPort())) {
            byte[] body = chat("drip-model", true).getBytes(StandardCharsets.UTF_8);
            var out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + DEMO
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.contains("drop2")) {
                    break;
                }
            }
        }
        assertTrue(upstream.dripCancelled.await(10, TimeUnit.SECONDS),
                "the upstream request was cancelled after the client went away");
        // What was generated until the hang-up is counted as usage.
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (metric("llm_requests_total", "model=\"drip-model\"", "status=\"499\"") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1.0, metric("llm_requests_total", "model=\"drip-model\"", "status=\"499\""));
        assertTrue(metric("llm_tokens_total", "type=\"output\"") >= outputBefore + 3,
                "at least the three chunks the client saw are counted");
        delete("/v1/organization/backends/" + id);
    }

    @Test
    void countsUsageItselfWhenTheUpstreamGivesNone() throws Exception {
        awaitReady();
        String id = createBackend("nousage-" + System.nanoTime(), "nousage-model", "upstream-nousage");
        awaitModel("nousage-model");
        List<String> events = sseData(post("/v1/chat/completions", DEMO, chat("nousage-model", true)).body());
        assertEquals("[DONE]", events.get(events.size() - 1));
        JsonObject usage = json(events.get(events.size() - 2)).getJsonObject("usage");
        assertEquals(2, usage.getInt("completion_tokens"), "'Hello world' counted by Tollgate: " + events);
        assertTrue(usage.getInt("prompt_tokens") > 0);
        OpenAiContract.assertConforms("CreateChatCompletionStreamResponse", events.get(events.size() - 2));
        delete("/v1/organization/backends/" + id);
    }

    @Test
    void doesNotBlameTheClientWhenTheBackendRefusesTollgatesCredential() throws Exception {
        awaitReady();
        String id = createBackend("locked-" + System.nanoTime(), "locked-model", "upstream-locked");
        assertError(awaitStatus("locked-model", 502, Duration.ofSeconds(2)), 502, "upstream_auth_failed");
        delete("/v1/organization/backends/" + id);
    }

    @Test
    void keepAliveConnectionsServeRequestAfterRequestWithoutLosingOne() throws Exception {
        awaitReady();
        String id = json(post("/v1/organization/backends", ADMIN, """
                {"name":"keepalive-%d","kind":"simulator","time_to_first_token_ms":0,"tokens_per_second":100000,
                 "models":[{"model":"keepalive"}]}""".formatted(System.nanoTime())).body()).getString("id");
        awaitModel("keepalive");
        // HTTP/1.1 keep-alive, as the SDKs use it: every request answered, none stalled, none with its body lost.
        java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> outcomes =
                new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(5000);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                while (left.decrementAndGet() >= 0) {
                    String outcome;
                    try {
                        outcome = Integer.toString(HTTP.send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
                                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + DEMO)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(chat("keepalive", false))).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode());
                    } catch (java.io.IOException e) {
                        outcome = e.getClass().getSimpleName();
                    }
                    outcomes.computeIfAbsent(outcome, k -> new java.util.concurrent.atomic.AtomicInteger())
                            .incrementAndGet();
                }
                return null;
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS));
        assertEquals(java.util.Set.of("200"), outcomes.keySet(), "outcomes of 5,000 requests: " + outcomes);
        delete("/v1/organization/backends/" + id);
    }

    @Test
    void turnsAnUpstreamServerErrorInto502() throws Exception {
        awaitReady();
        String id = createBackend("broken-" + System.nanoTime(), "broken-model", "upstream-broken");
        assertError(awaitStatus("broken-model", 502, Duration.ofSeconds(2)), 502, "upstream_error");
        delete("/v1/organization/backends/" + id);
    }

    @Test
    void guardsTheAdminApi() throws Exception {
        awaitReady();
        assertError(get("/v1/organization/backends", null), 401, null);
        assertError(get("/v1/organization/backends", "sk-tgadm-wrong"), 401, "invalid_api_key");
        assertError(get("/v1/organization/backends", DEMO), 403, "insufficient_permissions");
        assertError(post("/v1/organization/backends", ADMIN, "{not json"), 400, null);
        assertError(post("/v1/organization/backends", ADMIN, "{\"name\":\"x\",\"kind\":\"openai\",\"models\":[{\"model\":\"m\"}]}"),
                400, null);
        assertError(post("/v1/organization/backends", ADMIN, "{\"name\":\"x\",\"kind\":\"martian\",\"models\":[{\"model\":\"m\"}]}"),
                400, null);
        assertError(post("/v1/organization/backends", ADMIN, "{\"name\":\"x\",\"kind\":\"simulator\",\"models\":[{\"model\":\"m\",\"weight\":\"heavy\"}]}"),
                400, null);
        String name = "dup-" + System.nanoTime();
        String id = createBackend(name, "dup-model", "upstream-echo");
        assertError(post("/v1/organization/backends", ADMIN, "{\"name\":\"" + name + "\",\"kind\":\"simulator\",\"models\":[{\"model\":\"m\"}]}"),
                409, "conflict");
        delete("/v1/organization/backends/" + id);
    }

    @Test
    void storesKeysOnlyAsHashes() throws Exception {
        awaitReady();
        try (Connection c = TestDatabase.connect()) {
            for (String table : List.of("api_keys", "admin_api_keys")) {
                ResultSet rs = c.createStatement().executeQuery("select * from " + table);
                int columns = rs.getMetaData().getColumnCount();
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    for (int i = 1; i <= columns; i++) {
                        String value = String.valueOf(rs.getObject(i));
                        assertFalse(value.contains(DEMO.substring(8)) || value.contains(ADMIN.substring(10)),
                                table + " holds a key in clear");
                    }
                }
                assertTrue(rows > 0, table + " has the seeded keys");
            }
        }
    }

    // ---- the official OpenAI client

    @Test
    void servesTheOfficialOpenAiNodeClient() throws Exception {
        awaitReady();
        Path script = Path.of("src/test/node/openai-e2e.mjs").toAbsolutePath();
        assertTrue(script.getParent().resolve("node_modules/openai").toFile().isDirectory(),
                "run npm ci in src/test/node (the build does it in pre-integration-test)");
        String output = runNode("openai-e2e.mjs", "TOLLGATE_API_KEY", DEMO);
        assertTrue(output.contains("openai-e2e: ok"), output);
        assertTrue(output.contains("openai-e2e: completions, embeddings and errors ok"), output);
    }

    @Test
    void servesTheOfficialOpenAiJavaClient() throws Exception {
        awaitReady();
        OpenAiJavaClient.exercise(uri("/v1").toString(), DEMO, "demo");
        String id = createBackend("tools-" + System.nanoTime(), "tools-model", "upstream-tools");
        awaitModel("tools-model");
        OpenAiJavaClient.callsTools(uri("/v1").toString(), DEMO, "tools-model");
        OpenAiContract.assertConforms("CreateChatCompletionResponse",
                post("/v1/chat/completions", DEMO, chat("tools-model", false)).body());
        delete("/v1/organization/backends/" + id);
    }

    @Test
    void isGovernedByTheOfficialAdministrationApiClient() throws Exception {
        awaitReady();
        String output = runNode("admin-e2e.mjs", "TOLLGATE_ADMIN_KEY", ADMIN);
        assertTrue(output.contains("admin-e2e: ok"), output);
    }

    @Test
    void answersAdminCallsInTheShapesOfOpenAisApiDescription() throws Exception {
        awaitReady();
        String project = post("/v1/organization/projects", ADMIN, "{\"name\":\"contract\"}").body();
        OpenAiContract.assertConforms("Project", project);
        String projectId = json(project).getString("id");
        OpenAiContract.assertConforms("ProjectListResponse", get("/v1/organization/projects?limit=2", ADMIN).body());
        String account = post("/v1/organization/projects/" + projectId + "/service_accounts", ADMIN,
                "{\"name\":\"bot\"}").body();
        OpenAiContract.assertConforms("ProjectServiceAccountCreateResponse", account);
        OpenAiContract.assertConforms("ProjectServiceAccountListResponse",
                get("/v1/organization/projects/" + projectId + "/service_accounts", ADMIN).body());
        OpenAiContract.assertConforms("ProjectApiKeyListResponse",
                get("/v1/organization/projects/" + projectId + "/api_keys", ADMIN).body());
        String key = post("/v1/organization/admin_api_keys", ADMIN, "{\"name\":\"contract\",\"expires_in_seconds\":60}").body();
        OpenAiContract.assertConforms("AdminApiKeyCreateResponse", key);
        OpenAiContract.assertConforms("ApiKeyList", get("/v1/organization/admin_api_keys", ADMIN).body());
        assertError(get("/v1/organization/projects?limit=1000", ADMIN), 400, null);
        assertError(post("/v1/organization/projects", ADMIN, "{\"name\":7}"), 400, null);
        assertError(post("/v1/organization/projects", DEMO, "{\"name\":\"x\"}"), 403, "insufficient_permissions");
        assertError(get("/v1/organization/projects/proj_missing/api_keys", ADMIN), 404, "not_found");
    }

    @Test
    void keepsAKeyToItsAllowedModelsAndExpiry() throws Exception {
        awaitReady();
        String project = json(post("/v1/organization/projects", ADMIN, "{\"name\":\"limited\"}").body()).getString("id");
        JsonObject account = json(post("/v1/organization/projects/" + project + "/service_accounts", ADMIN,
                "{\"name\":\"bot\"}").body());
        String key = account.getJsonObject("api_key").getString("value");
        String keyId = account.getJsonObject("api_key").getString("id");
        String other = json(post("/v1/organization/backends", ADMIN, """
                {"name":"other-%d","kind":"simulator","models":[{"model":"other-model"}]}""".formatted(System.nanoTime()))
                .body()).getString("id");
        awaitModel("other-model");
        var restricted = post("/v1/organization/projects/" + project + "/api_keys/" + keyId, ADMIN,
                "{\"allowed_models\":[\"demo\"]}");
        assertEquals(200, restricted.statusCode(), restricted.body());
        OpenAiContract.assertConforms("ProjectApiKey", restricted.body());
        assertEquals("demo", json(restricted.body()).getJsonArray("allowed_models").getString(0));

        assertError(post("/v1/chat/completions", key, chat("other-model", false)), 403, "model_not_allowed");
        assertEquals(200, post("/v1/chat/completions", key, chat("demo", false)).statusCode());
        var models = json(get("/v1/models", key).body()).getJsonArray("data");
        assertEquals(1, models.size(), "only the allowed models are listed: " + models);
        assertEquals(404, get("/v1/models/other-model", key).statusCode());

        assertError(post("/v1/organization/projects/" + project + "/api_keys/" + keyId, ADMIN,
                "{\"allowed_models\":\"demo\"}"), 400, null);
        long past = java.time.Instant.now().getEpochSecond() - 60;
        assertEquals(200, post("/v1/organization/projects/" + project + "/api_keys/" + keyId, ADMIN,
                "{\"expires_at\":" + past + "}").statusCode());
        assertError(post("/v1/chat/completions", key, chat("demo", false)), 401, "expired_api_key");
        delete("/v1/organization/backends/" + other);
    }

    // ---- the portal

    @Test
    void servesThePortal() throws Exception {
        awaitReady();
        var response = get("/", null);
        assertEquals(200, response.statusCode());
    }

    // ---- helpers

    private TollgateClient tollgate() {
        return new TollgateClient(base);
    }

    private URI uri(String path) {
        return tollgate().uri(path);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return tollgate().get(path, key);
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return tollgate().post(path, key, body);
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return tollgate().delete(path, ADMIN);
    }

    private void awaitReady() throws Exception {
        tollgate().awaitReady();
    }

    private void awaitModel(String model) throws Exception {
        tollgate().awaitModel(model, DEMO);
    }

    private static JsonObject json(String text) {
        return TollgateClient.json(text);
    }

    private static List<String> sseData(String body) {
        return TollgateClient.sseData(body);
    }

    /** A value from /metrics (Prometheus text): the first sample of the family with all these labels, else 0. */
    private double metric(String family, String... labels) throws Exception {
        for (String line : get("/metrics", null).body().split("\n")) {
            if (line.startsWith(family + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** Runs one of the Node end-to-end scripts against this Tollgate; fails unless it exits 0. */
    private String runNode(String scriptName, String keyVariable, String key) throws Exception {
        return new TollgateClient(base).node(scriptName, Map.of(keyVariable, key));
    }

    /** Announces a 9 MiB body, sends a little of it, and reads the answer, as curl does (the JDK client would not). */
    private String rawStatusLineFor9MiBUpload() throws Exception {
        try (var socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + DEMO
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (9 * 1024 * 1024) + "\r\n\r\n{\"model\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    private String createBackend(String name, String model, String upstreamModel) throws Exception {
        return createBackend(name, model, upstreamModel, "{}");
    }

    private String createBackend(String name, String model, String upstreamModel, String timeouts) throws Exception {
        var created = post("/v1/organization/backends", ADMIN, """
                {"name":"%s","kind":"openai","base_url":"%s","models":[{"model":"%s","upstream_model":"%s"}],
                 "timeouts":%s}"""
                .formatted(name, upstream.baseUrl(), model, upstreamModel, timeouts));
        assertEquals(201, created.statusCode(), created.body());
        return json(created.body()).getString("id");
    }

    private HttpResponse<String> awaitStatus(String model, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> last;
        do {
            last = post("/v1/chat/completions", DEMO, chat(model, false));
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        fail("expected " + status + " for model " + model + " within " + within + ", last " + last.statusCode() + " "
                + last.body());
        return last;
    }

    private static String chat(String model, boolean stream) {
        return Json.createObjectBuilder().add("model", model).add("stream", stream)
                .add("stream_options", stream ? Json.createObjectBuilder().add("include_usage", true).build()
                        : jakarta.json.JsonValue.NULL)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("role", "user").add("content", "Hello, gateway!"))).build().toString();
    }
}
