package io.tollgate.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An OpenTelemetry collector's OTLP/HTTP trace endpoint ({@code POST /v1/traces}, protobuf), keeping every span it
 * receives with its service name: what an OTLP exporter talks to, decoded with OTLP's own messages.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A received span, its ids in hex as W3C trace context writes them. */
    record Received(String service, String traceId, String spanId, String parentSpanId, String name, Span.SpanKind kind,
                    List<KeyValue> attributes, int statusCode) {

        Optional<String> string(String key) {
            return attributes.stream().filter(a -> a.getKey().equals(key)).findFirst()
                    .map(a -> a.getValue().hasStringValue() ? a.getValue().getStringValue()
                            : a.getValue().hasIntValue() ? Long.toString(a.getValue().getIntValue())
                            : a.getValue().toString());
        }
    }

    final List<Received> spans = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    /** Requests to anything but the trace endpoint (an exporter misconfigured). */
    final List<String> others = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/v1/traces", this::traces);
        server.createContext("/", exchange -> {
            others.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void traces(HttpExchange exchange) throws IOException {
        contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
        ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody());
        HexFormat hex = HexFormat.of();
        request.getResourceSpansList().forEach(resource -> {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name")).findFirst()
                    .map(a -> a.getValue().getStringValue()).orElse("");
            resource.getScopeSpansList().forEach(scope -> scope.getSpansList().forEach(span -> spans.add(
                    new Received(service, hex.formatHex(span.getTraceId().toByteArray()),
                            hex.formatHex(span.getSpanId().toByteArray()),
                            hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind(),
                            span.getAttributesList(), span.getStatus().getCodeValue()))));
        });
        byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** Waits (at most {@code within}) until a span matching this arrived. */
    Received await(Predicate<Received> which, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received span : spans) {
                if (which.test(span)) {
                    return span;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such span within " + within + "; received: " + spans.stream()
                .map(s -> s.kind() + " " + s.name()).toList() + "; other requests: " + others);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
