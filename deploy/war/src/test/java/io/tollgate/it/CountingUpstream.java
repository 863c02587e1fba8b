package io.tollgate.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OpenAI-compatible upstream that counts what it serves, for the routing tests: chat completions (streamed
 * or not) after a settable delay, {@code /v1/models}, and — like a vLLM server — {@code /health} and {@code /metrics}
 * with a settable queue. It can be stopped and started again on the same port, as a backend that dies and returns.
 */
final class CountingUpstream implements AutoCloseable {

    final AtomicInteger served = new AtomicInteger();
    final AtomicInteger healthChecks = new AtomicInteger();
    volatile long delayMillis;
    volatile int waiting;
    private final int port;
    private volatile HttpServer server;

    CountingUpstream() throws IOException {
        server = start(0);
        port = server.getAddress().getPort();
    }

    private HttpServer start(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 64);
        s.setExecutor(Executors.newCachedThreadPool());
        s.createContext("/v1/chat/completions", this::complete);
        s.createContext("/v1/models", e -> send(e, 200, "application/json", "{\"object\":\"list\",\"data\":[]}"));
        s.createContext("/health", e -> {
            healthChecks.incrementAndGet();
            send(e, 200, "text/plain", "");
        });
        s.createContext("/metrics", e -> send(e, 200, "text/plain",
                "vllm:num_requests_waiting{model_name=\"m\"} " + waiting + ".0\n"
                        + "vllm:gpu_cache_usage_perc{model_name=\"m\"} 0.1\n"));
        s.start();
        return s;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /** Dies: the port refuses connections. */
    void kill() {
        server.stop(0);
    }

    /** Comes back on the same port. */
    void revive() throws IOException {
        server = start(port);
    }

    private void complete(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        sleep(delayMillis);
        served.incrementAndGet();
        if (body.contains("\"stream\":true")) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 8; i++) {
                    out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w" + i + " \"},\"finish_reason\":null}]}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sleep(250);
                }
                out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":8,\"total_tokens\":13}}\n\n"
                        + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        send(exchange, 200, "application/json", "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"port " + port + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
