package io.tollgate.gateway.tracing.control;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.logging.Logger;


/**
 * Starts a call's trace from its W3C trace context headers, on MicroProfile Telemetry's {@link OpenTelemetry}. While
 * its SDK is disabled (the default) every call gets {@link CallTrace#NONE}: one volatile read, nothing else.
 */
@ApplicationScoped
public class CallTracing {

    private static final Logger LOG = Logger.getLogger(CallTracing.class.getName());

    @Inject
    Instance<OpenTelemetry> platform;

    private volatile Tracer tracer;
    private volatile TextMapPropagator propagator;
    private volatile boolean off;

    /**
     * The SERVER span of a call that has just arrived; a malformed or missing {@code traceparent} starts a new trace.
     *
     * @param operation {@code gen_ai.operation.name}: chat, text_completion, embeddings
     */
    public CallTrace begin(String operation, String traceparent, String tracestate) {
        Tracer t = tracer();
        if (t == null) {
            return CallTrace.NONE;
        }
        return CallTrace.start(t, propagator, operation, traceparent, tracestate);
    }

    private Tracer tracer() {
        Tracer t = tracer;
        if (t != null || off) {
            return t;
        }
        synchronized (this) {
            if (tracer == null && !off) {
                // MicroProfile Telemetry's own switch (OTEL_SDK_DISABLED, otel.sdk.disabled): off unless set false.
                boolean disabled = ConfigProvider.getConfig().getOptionalValue("otel.sdk.disabled", Boolean.class)
                        .orElse(true);
                off = disabled || !platform.isResolvable();
                if (!off) {
                    OpenTelemetry otel = platform.get();
                    propagator = otel.getPropagators().getTextMapPropagator();
                    tracer = otel.getTracer("io.tollgate.gateway");
                    LOG.info("OpenTelemetry tracing is on: a span per inference call and per upstream attempt");
                }
            }
            return tracer;
        }
    }
}
