package io.tollgate.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An upstream LLM server for the tests, speaking OpenAI's documented wire format on loopback. What it answers
 * depends on the model asked for: {@code gated} streams one chunk, then waits until the test releases the rest.
 */
final class TestUpstream implements AutoCloseable {

    final HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    /** The W3C trace context each request came with ("null" when none). */
    final List<String> traceparents = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean finishedGatedStream;
    final CountDownLatch stallCancelled = new CountDownLatch(1);
    final CountDownLatch dripCancelled = new CountDownLatch(1);

    TestUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void complete(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(body);
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
        if (body.contains("\"model\":\"upstream-gated\"")) {
            gatedStream(exchange);
        } else if (body.contains("\"model\":\"upstream-slow\"")) {
            sleep(3000);
            send(exchange, 200, "{\"id\":\"late\",\"object\":\"chat.completion\",\"choices\":[]}");
        } else if (body.contains("\"model\":\"upstream-stall\"")) {
            stallingStream(exchange);
        } else if (body.contains("\"model\":\"upstream-nousage\"")) {
            // Like some servers: ignores stream_options.include_usage.
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write((chunk("Hello") + chunk(" world") + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
        } else if (body.contains("\"model\":\"upstream-tools\"") && body.contains("\"stream\":true")) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            String head = "data: {\"id\":\"chatcmpl-t\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"upstream-tools\",\"choices\":[{\"index\":0,";
            try (OutputStream out = exchange.getResponseBody()) {
                out.write((head + "\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}\n\n"
                        + head + "\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}]}\n\n"
                        + head + "\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}\n\n"
                        + head + "\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
                        + "data: {\"id\":\"chatcmpl-t\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"upstream-tools\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":9,\"total_tokens\":29}}\n\n"
                        + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
        } else if (body.contains("\"model\":\"upstream-tools\"")) {
            send(exchange, 200, "{\"id\":\"chatcmpl-t\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"upstream-tools\","
                    + "\"choices\":[{\"index\":0,\"logprobs\":null,\"message\":{\"role\":\"assistant\",\"content\":null,\"refusal\":null,\"tool_calls\":[{\"id\":\"call_1\","
                    + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                    + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":9,\"total_tokens\":29}}");
        } else if (body.contains("\"model\":\"upstream-drip\"")) {
            drippingStream(exchange);
        } else if (body.contains("\"model\":\"upstream-locked\"")) {
            send(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                    + "\"param\":null,\"code\":\"invalid_api_key\"}}");
        } else if (body.contains("\"model\":\"upstream-broken\"")) {
            send(exchange, 503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
        } else if (body.contains("\"model\":\"upstream-teapot\"")) {
            send(exchange, 418, "{\"error\":{\"message\":\"I'm a teapot\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"teapot\"}}");
        } else {
            send(exchange, 200, "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"created\":1,"
                    + "\"model\":\"upstream-echo\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"from the test upstream\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void gatedStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(chunk("first").getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            out.write(chunk(" second").getBytes(StandardCharsets.UTF_8));
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            finishedGatedStream = true;
        }
    }

    /** Sends one chunk, then nothing; notes when Tollgate hangs up (writes start failing). */
    private void stallingStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(chunk("stalled").getBytes(StandardCharsets.UTF_8));
        out.flush();
        // Silent for longer than the backend's idle timeout in the test (500 ms)...
        sleep(2000);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            while (System.nanoTime() < until) {
                sleep(100);
                // An SSE comment: invisible to clients, but fails once the peer has closed the connection.
                out.write(": still thinking\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException closedByPeer) {
            stallCancelled.countDown();
        } finally {
            exchange.close();
        }
    }

    /** A chunk every 100 ms for up to 20 s; notes when Tollgate hangs up. */
    private void drippingStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            for (int i = 0; System.nanoTime() < until; i++) {
                out.write(chunk("drop" + i).getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleep(100);
            }
        } catch (IOException closedByPeer) {
            dripCancelled.countDown();
        } finally {
            exchange.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String chunk(String text) {
        return "data: {\"id\":\"chatcmpl-gated\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"upstream-gated\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
