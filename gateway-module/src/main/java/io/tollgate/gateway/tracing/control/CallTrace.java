package io.tollgate.gateway.tracing.control;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.relay.control.AttemptTrace;
import io.tollgate.gateway.tokens.Usage;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call's span, and the CLIENT span of each of its upstream attempts. Attributes are the GenAI semantic
 * conventions' (model, tokens, provider) and Tollgate's (project, backend, admission); prompt and completion text
 * never. Ended once, by the finish stage or by a refusal. {@link #NONE} records nothing.
 */
public final class CallTrace implements AttemptTrace {

    public static final CallTrace NONE = new CallTrace(null, null, "", Span.getInvalid());

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final String operation;
    private final Span server;
    private final Context context;
    private final AtomicBoolean ended = new AtomicBoolean();

    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /**
     * The span of a call that has just arrived: a child of the platform's HTTP span if there is one, else a SERVER
     * span, child of the caller's trace context, or of none (a missing or malformed {@code traceparent} starts a new
     * trace). A call the sampler leaves out is {@link #NONE}.
     */
    static CallTrace start(Tracer tracer, TextMapPropagator propagator, String operation, String traceparent,
                           String tracestate) {
        Map<String, String> carrier = new HashMap<>(4);
        if (traceparent != null) {
            carrier.put("traceparent", traceparent);
        }
        if (tracestate != null) {
            carrier.put("tracestate", tracestate);
        }
        // Payara traces the HTTP request itself (a SERVER span, already the caller's child): the call's span goes
        // under it, as INTERNAL. Without one, the call's span is the SERVER span, the caller's child.
        Context current = Context.current();
        boolean underHttpSpan = Span.fromContext(current).getSpanContext().isValid();
        Context parent = underHttpSpan ? current
                : carrier.isEmpty() ? Context.root() : propagator.extract(Context.root(), carrier, HEADERS);
        Span server = tracer.spanBuilder(operation).setSpanKind(underHttpSpan ? SpanKind.INTERNAL : SpanKind.SERVER)
                .setParent(parent).setAttribute(GenAi.OPERATION, operation).startSpan();
        if (!server.isRecording()) {
            return NONE; // not sampled: nothing to record, and no context worth sending upstream
        }
        return new CallTrace(tracer, propagator, operation, server);
    }

    private CallTrace(Tracer tracer, TextMapPropagator propagator, String operation, Span server) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.operation = operation;
        this.server = server;
        this.context = Context.root().with(server);
    }

    public boolean recording() {
        return tracer != null;
    }

    /** The trace id, for the access log and the ledger; empty when not traced. */
    public String traceId() {
        return recording() ? server.getSpanContext().getTraceId() : "";
    }

    /** Who is calling: known once the key is. */
    public void caller(String projectId) {
        if (recording() && projectId != null) {
            server.setAttribute(GenAi.PROJECT, projectId);
        }
    }

    /** The request as parsed: the span is named for its operation and model ({@code chat llama-3-8b}). */
    public void requested(String model, Integer maxTokens, Double temperature) {
        if (!recording()) {
            return;
        }
        server.updateName(operation + " " + model);
        server.setAttribute(GenAi.REQUEST_MODEL, model);
        if (maxTokens != null) {
            server.setAttribute(GenAi.MAX_TOKENS, maxTokens.longValue());
        }
        if (temperature != null) {
            server.setAttribute(GenAi.TEMPERATURE, temperature);
        }
    }

    @Override
    public Attempt begin(Deployment deployment, int n) {
        if (!recording()) {
            return Attempt.NONE;
        }
        Span client = tracer.spanBuilder(operation + " " + deployment.upstreamModel()).setSpanKind(SpanKind.CLIENT)
                .setParent(context).setAttribute(GenAi.OPERATION, operation)
                .setAttribute(GenAi.PROVIDER, deployment.client().providerName())
                .setAttribute(GenAi.REQUEST_MODEL, deployment.upstreamModel())
                .setAttribute(GenAi.BACKEND, deployment.backendName()).setAttribute("tollgate.attempt", n + 1L)
                .startSpan();
        Map<String, String> headers = new HashMap<>(4);
        propagator.inject(context.with(client), headers, Map::put);
        return new ClientAttempt(client, Map.copyOf(headers));
    }

    /** Refused before any backend answered (a 4xx of Tollgate's own, a 429, a 503). */
    public void refused(int status, String code) {
        if (recording() && ended.compareAndSet(false, true)) {
            server.setAttribute(GenAi.HTTP_STATUS, status).setAttribute(GenAi.ERROR_TYPE, code == null
                    ? Integer.toString(status) : code);
            if (status == 429) {
                server.setAttribute(GenAi.ADMISSION, "refused");
            }
            server.setStatus(StatusCode.ERROR);
            server.end();
        }
    }

    /** The call ended, answered, failed or abandoned: its usage, model and timing, then the span ends. */
    public void finished(int status, String backend, String responseModel, Usage usage, long firstTokenNanos,
                         int attempts) {
        if (!recording() || !ended.compareAndSet(false, true)) {
            return;
        }
        server.setAttribute(GenAi.HTTP_STATUS, status).setAttribute(GenAi.ADMISSION, "admitted")
                .setAttribute(GenAi.ATTEMPTS, attempts);
        if (backend != null) {
            server.setAttribute(GenAi.BACKEND, backend).setAttribute(GenAi.RESPONSE_MODEL, responseModel);
        }
        if (usage != null) {
            server.setAttribute(GenAi.INPUT_TOKENS, usage.promptTokens())
                    .setAttribute(GenAi.OUTPUT_TOKENS, usage.completionTokens());
        }
        if (firstTokenNanos > 0) {
            server.setAttribute(GenAi.FIRST_TOKEN_MS, firstTokenNanos / 1_000_000);
        }
        if (status >= 400) {
            server.setAttribute(GenAi.ERROR_TYPE, Integer.toString(status)).setStatus(StatusCode.ERROR);
        }
        server.end();
    }

    /** One upstream attempt's CLIENT span. */
    private static final class ClientAttempt implements Attempt {

        private final Span span;
        private final Map<String, String> headers;
        private final AtomicBoolean over = new AtomicBoolean();

        ClientAttempt(Span span, Map<String, String> headers) {
            this.span = span;
            this.headers = headers;
        }

        @Override
        public Map<String, String> headers() {
            return headers;
        }

        @Override
        public void answered(int status) {
            span.setAttribute(GenAi.HTTP_STATUS, status);
            if (status >= 400) {
                span.setAttribute(GenAi.ERROR_TYPE, Integer.toString(status)).setStatus(StatusCode.ERROR);
            }
        }

        @Override
        public void failed(String errorType) {
            span.setAttribute(GenAi.ERROR_TYPE, errorType).setStatus(StatusCode.ERROR);
        }

        @Override
        public void end() {
            if (over.compareAndSet(false, true)) {
                span.end();
            }
        }
    }
}
