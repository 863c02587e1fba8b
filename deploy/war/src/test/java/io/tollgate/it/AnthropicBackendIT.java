package io.tollgate.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backend of kind {@code anthropic} end to end: the real tollgate.war on Payara Micro sends OpenAI requests to a
 * stand-in speaking Anthropic's Messages API, and OpenAI clients (plain HTTP, and the official openai npm package)
 * get OpenAI-shaped answers back, whole and streamed, text and tool calls, and errors.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnthropicBackendIT {

    static final String DEMO = TestDatabase.DEMO_KEY;
    static final String ADMIN = TestDatabase.ADMIN_KEY;
    static final HttpClient HTTP = TollgateClient.HTTP;
    static final String TOOLS = """
            [{"type":"function","function":{"name":"get_weather","description":"The weather now in a city",
              "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""";
    static AnthropicUpstream anthropic;
    private static volatile String backendId;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateClient.deployment();
    }

    @BeforeAll
    static void startAnthropic() throws Exception {
        anthropic = new AnthropicUpstream();
    }

    @AfterAll
    static void stopAnthropic() {
        anthropic.close();
    }

    @Test
    void registersAnAnthropicBackendAndAnswersAWholeCompletion() throws Exception {
        String id = anthropicBackend();
        JsonObject backend = json(get("/v1/organization/backends/" + id, ADMIN).body());
        assertEquals("anthropic", backend.getString("kind"));

        var response = post("/v1/chat/completions", DEMO, """
                {"model":"claude","messages":[{"role":"system","content":"Be cheerful."},
                 {"role":"user","content":"Hello!"}],"temperature":0.3,"user":"end-user-7"}""");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject body = json(response.body());
        assertEquals("chat.completion", body.getString("object"));
        assertEquals("claude", body.getString("model"), "the public model name comes back");
        JsonObject choice = body.getJsonArray("choices").getJsonObject(0);
        assertEquals(AnthropicUpstream.TEXT, choice.getJsonObject("message").getString("content"));
        assertEquals("assistant", choice.getJsonObject("message").getString("role"));
        assertEquals("stop", choice.getString("finish_reason"));
        assertEquals(json("""
                {"prompt_tokens":25,"completion_tokens":9,"total_tokens":34,"prompt_tokens_details":{"cached_tokens":4}}"""),
                body.getJsonObject("usage"));

        JsonObject sent = anthropic.lastBody();
        assertEquals(AnthropicUpstream.API_KEY, anthropic.apiKeys.get(anthropic.apiKeys.size() - 1));
        assertEquals("claude-test-text", sent.getString("model"), "the backend's own model name is sent");
        assertEquals("Be cheerful.", sent.getString("system"));
        assertEquals(value("[{\"role\":\"user\",\"content\":\"Hello!\"}]"), sent.getJsonArray("messages"));
        assertEquals(4096, sent.getInt("max_tokens"));
        assertEquals("end-user-7", sent.getJsonObject("metadata").getString("user_id"));
        assertFalse(sent.containsKey("stream_options"), "OpenAI-only fields stay behind: " + sent);
    }

    @Test
    void streamsTextAsChatCompletionChunksEndingWithUsageAndDone() throws Exception {
        anthropicBackend();
        var response = post("/v1/chat/completions", DEMO, chat("claude", true, true));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> events = sseData(response.body());
        assertEquals("[DONE]", events.get(events.size() - 1));
        List<JsonObject> chunks = events.subList(0, events.size() - 1).stream().map(AnthropicBackendIT::json).toList();
        String id = chunks.get(0).getString("id");
        for (JsonObject chunk : chunks) {
            assertEquals("chat.completion.chunk", chunk.getString("object"), chunk.toString());
            assertEquals(id, chunk.getString("id"), "one id for every chunk");
            assertEquals("claude", chunk.getString("model"));
            assertTrue(chunk.containsKey("created"));
        }
        JsonObject first = chunks.get(0).getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
        assertEquals("assistant", first.getString("role"));
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (JsonObject chunk : chunks) {
            for (JsonValue c : chunk.getJsonArray("choices")) {
                text.append(c.asJsonObject().getJsonObject("delta").getString("content", ""));
                if (c.asJsonObject().get("finish_reason") instanceof jakarta.json.JsonString s) {
                    finish = s.getString();
                }
            }
        }
        assertEquals(AnthropicUpstream.TEXT, text.toString());
        assertEquals("stop", finish);
        JsonObject usage = chunks.get(chunks.size() - 1);
        assertEquals(0, usage.getJsonArray("choices").size());
        assertEquals(34, usage.getJsonObject("usage").getInt("total_tokens"));
        assertTrue(anthropic.lastBody().getBoolean("stream"));

        var withoutUsage = post("/v1/chat/completions", DEMO, chat("claude", true, false));
        assertFalse(withoutUsage.body().contains("\"usage\""), "no usage for a client that did not ask: "
                + withoutUsage.body());
        assertTrue(withoutUsage.body().endsWith("data: [DONE]\n\n"));
    }

    @Test
    void callsAToolWholeAndStreamedAndSendsTheResultBack() throws Exception {
        anthropicBackend();
        String ask = """
                {"model":"claude-tools","messages":[{"role":"user","content":"Weather in Paris?"}],
                 "tools":%s,"tool_choice":"auto"%s}""";

        JsonObject whole = json(post("/v1/chat/completions", DEMO, ask.formatted(TOOLS, "")).body());
        JsonObject choice = whole.getJsonArray("choices").getJsonObject(0);
        assertEquals("tool_calls", choice.getString("finish_reason"));
        JsonObject call = choice.getJsonObject("message").getJsonArray("tool_calls").getJsonObject(0);
        assertEquals("toolu_01StandIn", call.getString("id"));
        assertEquals("function", call.getString("type"));
        assertEquals("get_weather", call.getJsonObject("function").getString("name"));
        assertEquals(json("{\"city\":\"Paris\"}"), json(call.getJsonObject("function").getString("arguments")));
        JsonObject sent = anthropic.lastBody();
        assertEquals("get_weather", sent.getJsonArray("tools").getJsonObject(0).getString("name"));
        assertEquals("object", sent.getJsonArray("tools").getJsonObject(0).getJsonObject("input_schema").getString("type"));
        assertEquals(json("{\"type\":\"auto\"}"), sent.getJsonObject("tool_choice"));

        var streamed = post("/v1/chat/completions", DEMO, ask.formatted(TOOLS,
                ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        assertEquals(200, streamed.statusCode(), streamed.body());
        String callId = null;
        String name = null;
        StringBuilder arguments = new StringBuilder();
        String finish = null;
        for (String data : sseData(streamed.body())) {
            if (data.equals("[DONE]")) {
                continue;
            }
            for (JsonValue c : json(data).getJsonArray("choices")) {
                JsonObject delta = c.asJsonObject().getJsonObject("delta");
                if (delta.get("tool_calls") instanceof JsonArray calls) {
                    JsonObject part = calls.getJsonObject(0);
                    assertEquals(0, part.getInt("index"));
                    callId = part.getString("id", callId);
                    JsonObject function = part.getJsonObject("function");
                    name = function.getString("name", name);
                    arguments.append(function.getString("arguments", ""));
                }
                if (c.asJsonObject().get("finish_reason") instanceof jakarta.json.JsonString s) {
                    finish = s.getString();
                }
            }
        }
        assertEquals("toolu_01StandIn", callId);
        assertEquals("get_weather", name);
        assertEquals(json("{\"city\":\"Paris\"}"), json(arguments.toString()));
        assertEquals("tool_calls", finish);

        var answered = post("/v1/chat/completions", DEMO, """
                {"model":"claude-tools","tools":%s,"messages":[{"role":"user","content":"Weather in Paris?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"toolu_01StandIn","type":"function",
                   "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                 {"role":"tool","tool_call_id":"toolu_01StandIn","content":"18 °C, sunny"}]}""".formatted(TOOLS));
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals(AnthropicUpstream.WEATHER, json(answered.body()).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));
        JsonArray turns = anthropic.lastBody().getJsonArray("messages");
        assertEquals(value("""
                [{"type":"tool_use","id":"toolu_01StandIn","name":"get_weather","input":{"city":"Paris"}}]"""),
                turns.getJsonObject(1).get("content"));
        assertEquals(json("""
                {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01StandIn","content":"18 °C, sunny"}]}"""),
                turns.getJsonObject(2));
    }

    @Test
    void passesAnthropicErrorsOnInOpenAisShape() throws Exception {
        anthropicBackend();

        var limited = post("/v1/chat/completions", DEMO, chat("claude-limited", false, false));
        assertEquals(429, limited.statusCode(), limited.body());
        JsonObject error = json(limited.body()).getJsonObject("error");
        assertEquals("rate_limit_error", error.getString("type"));
        assertEquals("rate_limit_exceeded", error.getString("code"));
        assertTrue(error.getString("message").contains("rate limit"), error.toString());
        assertTrue(error.containsKey("param"));

        var refused = post("/v1/chat/completions", DEMO, """
                {"model":"claude","messages":[{"role":"user","content":[{"type":"input_audio",
                  "input_audio":{"data":"AAAA","format":"wav"}}]}]}""");
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("messages[0].content[0].type", json(refused.body()).getJsonObject("error").getString("param"));
    }

    @Test
    void answersInTheShapesOfOpenAisOwnApiDescription() throws Exception {
        anthropicBackend();
        String toolAsk = """
                {"model":"claude-tools","messages":[{"role":"user","content":"Weather in Paris?"}],"tools":%s%s}""";

        OpenAiContract.assertConforms("CreateChatCompletionResponse",
                post("/v1/chat/completions", DEMO, chat("claude", false, false)).body());
        OpenAiContract.assertConforms("CreateChatCompletionResponse",
                post("/v1/chat/completions", DEMO, toolAsk.formatted(TOOLS, "")).body());
        for (String body : List.of(post("/v1/chat/completions", DEMO, chat("claude", true, true)).body(),
                post("/v1/chat/completions", DEMO, toolAsk.formatted(TOOLS,
                        ",\"stream\":true,\"stream_options\":{\"include_usage\":true}")).body())) {
            for (String data : sseData(body)) {
                if (!data.equals("[DONE]")) {
                    OpenAiContract.assertConforms("CreateChatCompletionStreamResponse", data);
                }
            }
        }
        OpenAiContract.assertConforms("ErrorResponse",
                post("/v1/chat/completions", DEMO, chat("claude-limited", false, false)).body());
        OpenAiContract.assertConforms("ErrorResponse", post("/v1/chat/completions", DEMO, """
                {"model":"claude","messages":[{"role":"user","content":[{"type":"file","file":{"file_id":"f"}}]}]}""")
                .body());
    }

    @Test
    void refusesToRegisterAnAnthropicBackendWithoutABaseUrl() throws Exception {
        awaitReady();
        var refused = post("/v1/organization/backends", ADMIN, """
                {"name":"claude-nowhere","kind":"anthropic","models":[{"model":"m"}]}""");

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("base_url", json(refused.body()).getJsonObject("error").getString("param"));
    }

    @Test
    void servesTheOfficialOpenAiNodeClient() throws Exception {
        anthropicBackend();
        Path script = Path.of("src/test/node/anthropic-e2e.mjs").toAbsolutePath();
        assertTrue(script.getParent().resolve("node_modules/openai").toFile().isDirectory(),
                "run npm ci in src/test/node (the build does it in pre-integration-test)");
        ProcessBuilder pb = new ProcessBuilder("node", script.toString()).directory(script.getParent().toFile())
                .redirectErrorStream(true);
        pb.environment().put("TOLLGATE_BASE_URL", uri("/v1").toString());
        pb.environment().put("TOLLGATE_API_KEY", DEMO);
        pb.environment().put("EXPECTED_TEXT", AnthropicUpstream.TEXT);
        Process run = pb.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.contains("anthropic-e2e: ok"), output);
    }

    // ---- helpers

    /** The one Anthropic backend these tests share, registered through the admin API on first use. */
    private String anthropicBackend() throws Exception {
        awaitReady();
        synchronized (AnthropicBackendIT.class) {
            if (backendId == null) {
                var created = post("/v1/organization/backends", ADMIN, """
                        {"name":"anthropic-%d","kind":"anthropic","base_url":"%s","api_key":"%s",
                         "models":[{"model":"claude","upstream_model":"claude-test-text"},
                                   {"model":"claude-tools","upstream_model":"claude-test-tool"},
                                   {"model":"claude-limited","upstream_model":"claude-test-limited"}]}"""
                        .formatted(System.nanoTime(), anthropic.baseUrl(), AnthropicUpstream.API_KEY));
                assertEquals(201, created.statusCode(), created.body());
                backendId = json(created.body()).getString("id");
            }
        }
        awaitModel("claude");
        return backendId;
    }

    private TollgateClient tollgate() {
        return new TollgateClient(base);
    }

    private void awaitReady() throws Exception {
        tollgate().awaitReady();
    }

    private void awaitModel(String model) throws Exception {
        tollgate().awaitModel(model, DEMO);
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

    private static JsonObject json(String text) {
        return TollgateClient.json(text);
    }

    private static List<String> sseData(String body) {
        return TollgateClient.sseData(body);
    }

    private static String chat(String model, boolean stream, boolean includeUsage) {
        var body = Json.createObjectBuilder().add("model", model).add("stream", stream)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("role", "user").add("content", "Hello, Claude!")));
        if (includeUsage) {
            body.add("stream_options", Json.createObjectBuilder().add("include_usage", true));
        }
        return body.build().toString();
    }

    private static JsonValue value(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

}
