package io.tollgate.gateway.tracing.control;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.tollgate.gateway.backends.control.BackendClient;
import io.tollgate.gateway.backends.control.Price;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.relay.control.AttemptTrace;
import io.tollgate.gateway.tokens.Usage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A call's spans on a real OpenTelemetry SDK: parentage, the GenAI attributes, propagation upstream, refusals. */
class CallTraceTest {

    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + CALLER_TRACE + "-00f067aa0ba902b7-01";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();

    private CallTrace start(String traceparent) {
        return CallTrace.start(provider.get("test"), W3CTraceContextPropagator.getInstance(), "chat", traceparent,
                null);
    }

    @Test
    void aFailedOverCallIsAServerSpanWithTwoClientSpansUnderTheCallersTrace() {
        CallTrace call = start(TRACEPARENT);
        call.caller("proj_1");
        call.requested("llama", 64, 0.2);
        AttemptTrace.Attempt first = call.begin(deployment("vllm-a", BackendClient.class), 0);
        first.failed("refused");
        first.end();
        AttemptTrace.Attempt second = call.begin(deployment("vllm-b", BackendClient.class), 1);
        second.answered(200);
        second.end();
        call.finished(200, "vllm-b", "meta/llama", new Usage(12, 0, 5, false), 30_000_000, 2);

        List<SpanData> spans = exported.getFinishedSpanItems();
        SpanData server = only(spans, SpanKind.SERVER);
        assertEquals(CALLER_TRACE, server.getTraceId());
        assertEquals("00f067aa0ba902b7", server.getParentSpanId());
        assertEquals("chat llama", server.getName());
        assertEquals("llama", attr(server, "gen_ai.request.model"));
        assertEquals("meta/llama", attr(server, "gen_ai.response.model"));
        assertEquals(12L, server.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")));
        assertEquals(5L, server.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")));
        assertEquals(64L, server.getAttributes().get(AttributeKey.longKey("gen_ai.request.max_tokens")));
        assertEquals("proj_1", attr(server, "tollgate.project_id"));
        assertEquals(StatusCode.UNSET, server.getStatus().getStatusCode());
        List<SpanData> clients = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
        assertEquals(2, clients.size());
        clients.forEach(c -> assertEquals(server.getSpanId(), c.getParentSpanId()));
        assertEquals(StatusCode.ERROR, clients.get(0).getStatus().getStatusCode());
        assertEquals("refused", attr(clients.get(0), "error.type"));
        assertEquals("openai", attr(clients.get(1), "gen_ai.provider.name"));
        assertEquals("vllm-b", attr(clients.get(1), "tollgate.backend"));
    }

    @Test
    void theUpstreamGetsTheClientSpansContext() {
        CallTrace call = start(TRACEPARENT);
        AttemptTrace.Attempt attempt = call.begin(deployment("vllm-a", BackendClient.class), 0);

        String sent = attempt.headers().get("traceparent");
        attempt.end();
        call.finished(200, "vllm-a", "m", null, 0, 1);

        SpanData client = only(exported.getFinishedSpanItems(), SpanKind.CLIENT);
        assertEquals("00-" + CALLER_TRACE + "-" + client.getSpanId() + "-01", sent);
    }

    @Test
    void underThePlatformsHttpSpanTheCallIsItsInternalChild() {
        var http = provider.get("platform").spanBuilder("POST /v1/chat/completions").setSpanKind(SpanKind.SERVER)
                .startSpan();
        try (var scope = http.makeCurrent()) {
            CallTrace call = start(TRACEPARENT);
            call.finished(200, null, null, null, 0, 1);
        }
        http.end();

        SpanData callSpan = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals("chat"))
                .findFirst().orElseThrow();
        assertEquals(SpanKind.INTERNAL, callSpan.getKind());
        assertEquals(http.getSpanContext().getSpanId(), callSpan.getParentSpanId());
    }

    @Test
    void aMalformedTraceparentStartsANewTrace() {
        CallTrace call = start("00-not-a-trace-01");
        call.finished(200, null, null, null, 0, 1);

        SpanData server = only(exported.getFinishedSpanItems(), SpanKind.SERVER);
        assertNotEquals(CALLER_TRACE, server.getTraceId());
        assertFalse(server.getParentSpanContext().isValid());
    }

    @Test
    void aRefusalEndsTheSpanAsAnErrorOnceAndNothingAfterCounts() {
        CallTrace call = start(null);
        call.refused(429, "rate_limit_exceeded");
        call.finished(200, "x", "x", null, 0, 1);

        SpanData server = only(exported.getFinishedSpanItems(), SpanKind.SERVER);
        assertEquals(StatusCode.ERROR, server.getStatus().getStatusCode());
        assertEquals("rate_limit_exceeded", attr(server, "error.type"));
        assertEquals("refused", attr(server, "tollgate.admission"));
        assertEquals(1, exported.getFinishedSpanItems().size());
    }

    @Test
    void anUnsampledCallRecordsNothingAndSendsNoContextUpstream() {
        SdkTracerProvider never = SdkTracerProvider.builder().setSampler(Sampler.alwaysOff())
                .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
        CallTrace call = CallTrace.start(never.get("test"), W3CTraceContextPropagator.getInstance(), "chat", null,
                null);

        assertSame(CallTrace.NONE, call);
        assertTrue(call.begin(deployment("a", BackendClient.class), 0).headers().isEmpty());
        assertTrue(exported.getFinishedSpanItems().isEmpty());
    }

    private static Deployment deployment(String backend, Class<BackendClient> kind) {
        BackendClient client = (request, handler) -> new CompletableFuture<>();
        return new Deployment("be_" + backend, backend, "meta/llama", 1, client, Price.FREE, "self_hosted", 0, false);
    }

    private static SpanData only(List<SpanData> spans, SpanKind kind) {
        List<SpanData> of = spans.stream().filter(s -> s.getKind() == kind).toList();
        assertEquals(1, of.size(), spans.toString());
        return of.get(0);
    }

    private static String attr(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }
}
