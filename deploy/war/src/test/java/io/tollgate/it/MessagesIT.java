package io.tollgate.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anthropic's Messages API end to end: the real tollgate.war on Payara Micro answers {@code POST /v1/messages} from
 * the demo simulator backend, whole and streamed, in Anthropic's shapes, to plain HTTP and to the official
 * {@code @anthropic-ai/sdk} npm package.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MessagesIT {

    static final String DEMO = TestDatabase.DEMO_KEY;
    static final HttpClient HTTP = TollgateClient.HTTP;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateClient.deployment();
    }

    @Test
    void answersAWholeMessageForAnXApiKey() throws Exception {
        awaitReady();
        var response = post(Map.of("x-api-key", DEMO), message("demo", false));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("request-id").isPresent(), "Anthropic's request-id header");
        assertEquals(response.headers().firstValue("request-id"), response.headers().firstValue("x-request-id"));
        JsonObject message = json(response.body());
        assertEquals("message", message.getString("type"));
        assertEquals("assistant", message.getString("role"));
        assertEquals("demo", message.getString("model"));
        assertTrue(message.getString("id").startsWith("msg_"), message.getString("id"));
        assertEquals("end_turn", message.getString("stop_reason"));
        JsonObject text = message.getJsonArray("content").getJsonObject(0);
        assertEquals("text", text.getString("type"));
        assertFalse(text.getString("text").isBlank());
        assertTrue(message.getJsonObject("usage").getInt("input_tokens") > 0, response.body());
        assertTrue(message.getJsonObject("usage").getInt("output_tokens") > 0, response.body());
    }

    @Test
    void streamsTheSameTextAsAnthropicsEventSequenceForABearerKey() throws Exception {
        awaitReady();
        String whole = json(post(Map.of("x-api-key", DEMO), message("demo", false)).body())
                .getJsonArray("content").getJsonObject(0).getString("text");
        var response = post(Map.of("Authorization", "Bearer " + DEMO), message("demo", true));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));

        List<String> types = new ArrayList<>();
        StringBuilder streamed = new StringBuilder();
        JsonObject finalDelta = null;
        for (String event : response.body().split("\n\n")) {
            if (event.isBlank() || event.startsWith(":")) {
                continue;
            }
            String[] lines = event.split("\n");
            assertTrue(lines[0].startsWith("event: ") && lines[1].startsWith("data: "), event);
            String type = lines[0].substring(7);
            JsonObject data = json(lines[1].substring(6));
            assertEquals(type, data.getString("type"), "the event line names the data's type");
            types.add(type);
            if ("content_block_delta".equals(type)) {
                streamed.append(data.getJsonObject("delta").getString("text"));
            } else if ("message_delta".equals(type)) {
                finalDelta = data;
            }
        }
        assertEquals("message_start", types.get(0));
        assertEquals("content_block_start", types.get(1));
        assertEquals(List.of("content_block_stop", "message_delta", "message_stop"),
                types.subList(types.size() - 3, types.size()), types.toString());
        assertTrue(types.stream().filter("content_block_delta"::equals).count() > 1, types.toString());
        assertEquals(whole, streamed.toString());
        assertEquals("end_turn", finalDelta.getJsonObject("delta").getString("stop_reason"));
        assertTrue(finalDelta.getJsonObject("usage").getInt("output_tokens") > 0, finalDelta.toString());
    }

    @Test
    void answersErrorsInAnthropicsShape() throws Exception {
        awaitReady();
        assertError(post(Map.of(), message("demo", false)), 401, "authentication_error");
        assertError(post(Map.of("x-api-key", "sk-tg-not-a-real-key"), message("demo", false)), 401,
                "authentication_error");
        assertError(post(Map.of("x-api-key", DEMO), message("no-such-model", false)), 404, "not_found_error");
        var missing = post(Map.of("x-api-key", DEMO),
                "{\"model\":\"demo\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertError(missing, 400, "invalid_request_error");
        assertTrue(json(missing.body()).getJsonObject("error").getString("message").contains("max_tokens"));
        assertError(post(Map.of("x-api-key", DEMO), "{not json"), 400, "invalid_request_error");
    }

    @Test
    void servesTheOfficialAnthropicNodeClient() throws Exception {
        awaitReady();
        Path script = Path.of("src/test/node/messages-e2e.mjs").toAbsolutePath();
        assertTrue(script.getParent().resolve("node_modules/@anthropic-ai/sdk").toFile().isDirectory(),
                "run npm ci in src/test/node (the build does it in pre-integration-test)");
        ProcessBuilder pb = new ProcessBuilder("node", script.toString()).directory(script.getParent().toFile())
                .redirectErrorStream(true);
        pb.environment().put("TOLLGATE_BASE_URL", uri("").toString());
        pb.environment().put("TOLLGATE_API_KEY", DEMO);
        Process run = pb.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.contains("messages-e2e: ok"), output);
    }

    // ---- helpers

    private static String message(String model, boolean stream) {
        return Json.createObjectBuilder().add("model", model).add("max_tokens", 64).add("stream", stream)
                .add("system", "Be brief.")
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("role", "user").add("content", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("type", "text").add("text", "Hello, gateway!"))))).build().toString();
    }

    private static void assertError(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject body = json(response.body());
        assertEquals("error", body.getString("type"), response.body());
        assertEquals(type, body.getJsonObject("error").getString("type"), response.body());
        assertFalse(body.getJsonObject("error").getString("message").isBlank());
    }

    private TollgateClient tollgate() {
        return new TollgateClient(base);
    }

    private void awaitReady() throws Exception {
        tollgate().awaitReady();
    }

    private URI uri(String path) {
        return tollgate().uri(path);
    }

    private static JsonObject json(String text) {
        return TollgateClient.json(text);
    }

    private HttpResponse<String> post(Map<String, String> headers, String body) throws Exception {
        var all = new java.util.HashMap<>(headers);
        all.put("anthropic-version", "2023-06-01");
        return tollgate().post("/v1/messages", all, body);
    }

}
