package io.tollgate.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for Anthropic's Messages API on loopback, speaking its documented wire format: message objects,
 * the streamed event sequence (message_start … message_stop, with a ping), and {"type":"error",…} errors. It insists
 * on the headers Anthropic insists on. What it answers depends on the model: {@code claude-test-text} says
 * {@link #TEXT}; {@code claude-test-tool} calls get_weather for Paris, then answers in words once given the result;
 * {@code claude-test-limited} is rate limited.
 */
final class AnthropicUpstream implements AutoCloseable {

    static final String API_KEY = "sk-ant-integration-test-key";
    static final String TEXT = "Hello from the Anthropic stand-in — ☀️ all good.";
    static final String WEATHER = "It is 18 °C in Paris.";

    final HttpServer server;
    final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
    final List<String> apiKeys = new CopyOnWriteArrayList<>();

    AnthropicUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/messages", this::messages);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    JsonObject lastBody() {
        return bodies.get(bodies.size() - 1);
    }

    private void messages(HttpExchange exchange) throws IOException {
        try {
            JsonObject body = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8))).readObject();
            bodies.add(body);
            String key = exchange.getRequestHeaders().getFirst("x-api-key");
            apiKeys.add(String.valueOf(key));
            if (!API_KEY.equals(key)) {
                error(exchange, 401, "authentication_error", "invalid x-api-key");
                return;
            }
            if (!"2023-06-01".equals(exchange.getRequestHeaders().getFirst("anthropic-version"))) {
                error(exchange, 400, "invalid_request_error", "anthropic-version: header is required");
                return;
            }
            if (!body.containsKey("max_tokens")) {
                error(exchange, 400, "invalid_request_error", "max_tokens: Field required");
                return;
            }
            String model = body.getString("model", "");
            boolean stream = body.get("stream") == JsonValue.TRUE;
            switch (model) {
                case "claude-test-limited" -> error(exchange, 429, "rate_limit_error",
                        "Number of request tokens has exceeded your per-minute rate limit");
                case "claude-test-tool" -> {
                    if (hasToolResult(body)) {
                        answer(exchange, model, stream, List.of(WEATHER), null, "end_turn");
                    } else {
                        answer(exchange, model, stream, List.of("Let me check."), List.of("{\"city\":", " \"Paris\"}"),
                                "tool_use");
                    }
                }
                default -> answer(exchange, model, stream, List.of("Hello from the ", "Anthropic stand-in", " — ☀️ all good."),
                        null, "end_turn");
            }
        } finally {
            exchange.close();
        }
    }

    private static boolean hasToolResult(JsonObject body) {
        JsonArray messages = body.getJsonArray("messages");
        JsonObject last = messages.getJsonObject(messages.size() - 1);
        return last.get("content") instanceof JsonArray blocks && blocks.stream()
                .anyMatch(b -> "tool_result".equals(b.asJsonObject().getString("type", "")));
    }

    private static void answer(HttpExchange exchange, String model, boolean stream, List<String> text,
                               List<String> toolInput, String stopReason) throws IOException {
        String id = "msg_01StandIn" + System.nanoTime();
        if (!stream) {
            var content = Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "text")
                    .add("text", String.join("", text)));
            if (toolInput != null) {
                content.add(Json.createObjectBuilder().add("type", "tool_use").add("id", "toolu_01StandIn")
                        .add("name", "get_weather").add("input", Json.createReader(
                                new StringReader(String.join("", toolInput))).readObject()));
            }
            send(exchange, 200, "application/json", Json.createObjectBuilder().add("id", id).add("type", "message")
                    .add("role", "assistant").add("model", model).add("content", content)
                    .add("stop_reason", stopReason).addNull("stop_sequence")
                    .add("usage", Json.createObjectBuilder().add("input_tokens", 21).add("cache_read_input_tokens", 4)
                            .add("cache_creation_input_tokens", 0).add("output_tokens", 9))
                    .build().toString());
            return;
        }
        List<String> events = new ArrayList<>();
        events.add(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + id + "\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"content\":[],\"model\":\"" + model + "\",\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":21,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":4,\"output_tokens\":1}}}"));
        events.add(event("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        events.add(event("ping", "{\"type\": \"ping\"}"));
        for (String piece : text) {
            events.add(event("content_block_delta", Json.createObjectBuilder().add("type", "content_block_delta")
                    .add("index", 0).add("delta", Json.createObjectBuilder().add("type", "text_delta").add("text", piece))
                    .build().toString()));
        }
        events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        if (toolInput != null) {
            events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                    + "{\"type\":\"tool_use\",\"id\":\"toolu_01StandIn\",\"name\":\"get_weather\",\"input\":{}}}"));
            events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
                    + "{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}"));
            for (String piece : toolInput) {
                events.add(event("content_block_delta", Json.createObjectBuilder().add("type", "content_block_delta")
                        .add("index", 1).add("delta", Json.createObjectBuilder().add("type", "input_json_delta")
                                .add("partial_json", piece)).build().toString()));
            }
            events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"));
        }
        events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}"));
        events.add(event("message_stop", "{\"type\":\"message_stop\"}"));

        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String e : events) {
            out.write(e.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.close();
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        send(exchange, status, "application/json", Json.createObjectBuilder().add("type", "error")
                .add("error", Json.createObjectBuilder().add("type", type).add("message", message))
                .add("request_id", "req_011StandIn").build().toString());
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
